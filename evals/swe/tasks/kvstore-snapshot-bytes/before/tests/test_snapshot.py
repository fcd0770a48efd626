import unittest

from kvstore import FakeClock, Store


class SnapshotTest(unittest.TestCase):
    def test_round_trip_plain_values(self):
        store = Store(FakeClock())
        store.set("n", 3)
        store.set("s", "text")
        copy = Store.restore(store.snapshot(), FakeClock())
        self.assertEqual(copy.get("n"), 3)
        self.assertEqual(copy.get("s"), "text")

    def test_round_trip_keeps_remaining_ttl(self):
        clock = FakeClock()
        store = Store(clock)
        store.set("t", 1, ttl=10)
        clock.advance(4)
        copy_clock = FakeClock(100)
        copy = Store.restore(store.snapshot(), copy_clock)
        copy_clock.advance(5.5)
        self.assertEqual(copy.get("t"), 1)
        copy_clock.advance(1)
        self.assertIsNone(copy.get("t"))


if __name__ == "__main__":
    unittest.main()

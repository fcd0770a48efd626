import unittest

from kvstore import FakeClock, Store


class StoreTest(unittest.TestCase):
    def setUp(self):
        self.clock = FakeClock()
        self.store = Store(self.clock)

    def test_set_and_get(self):
        self.store.set("a", 1)
        self.assertEqual(self.store.get("a"), 1)
        self.assertEqual(self.store.get("missing", "dflt"), "dflt")

    def test_delete(self):
        self.store.set("a", 1)
        self.assertTrue(self.store.delete("a"))
        self.assertFalse(self.store.delete("a"))

    def test_key_lives_until_ttl(self):
        self.store.set("a", 1, ttl=10)
        self.clock.advance(9.5)
        self.assertEqual(self.store.get("a"), 1)

    def test_key_gone_at_ttl(self):
        self.store.set("a", 1, ttl=10)
        self.clock.advance(10)
        self.assertIsNone(self.store.get("a"))

    def test_keys_sorted_and_live(self):
        self.store.set("b", 1)
        self.store.set("a", 1)
        self.store.set("c", 1, ttl=1)
        self.clock.advance(2)
        self.assertEqual(self.store.keys(), ["a", "b"])


class NamespaceTest(unittest.TestCase):
    def test_namespace_prefixes_keys(self):
        store = Store(FakeClock())
        users = store.namespace("users")
        users.set("ann", {"age": 31})
        self.assertEqual(store.get("users:ann"), {"age": 31})
        self.assertEqual(users.get("ann"), {"age": 31})

    def test_namespace_lists_its_own_keys(self):
        store = Store(FakeClock())
        store.namespace("users").set("bo", 1)
        store.namespace("users").set("ann", 1)
        store.namespace("carts").set("ann", 1)
        store.set("plain", 1)
        self.assertEqual(store.namespace("users").keys(), ["ann", "bo"])

    def test_namespace_delete(self):
        store = Store(FakeClock())
        ns = store.namespace("n")
        ns.set("k", 1)
        self.assertTrue(ns.delete("k"))
        self.assertEqual(store.keys(), [])


if __name__ == "__main__":
    unittest.main()

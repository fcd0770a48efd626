import unittest

from kvstore import LRUCache


class LRUTest(unittest.TestCase):
    def test_keeps_capacity(self):
        cache = LRUCache(2)
        for k in "abc":
            cache.put(k, k)
        self.assertEqual(len(cache), 2)

    def test_evicts_least_recently_written(self):
        cache = LRUCache(2)
        cache.put("a", 1)
        cache.put("b", 2)
        cache.put("c", 3)
        self.assertNotIn("a", cache)

    def test_reading_counts_as_use(self):
        cache = LRUCache(2)
        cache.put("a", 1)
        cache.put("b", 2)
        cache.get("a")
        cache.put("c", 3)
        self.assertIn("a", cache)
        self.assertNotIn("b", cache)

    def test_rejects_zero_capacity(self):
        with self.assertRaises(ValueError):
            LRUCache(0)


if __name__ == "__main__":
    unittest.main()

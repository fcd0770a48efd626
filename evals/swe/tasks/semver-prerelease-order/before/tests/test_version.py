import unittest

from semver import parse


class ParseTest(unittest.TestCase):
    def test_parses_core(self):
        v = parse("1.2.3")
        self.assertEqual((v.major, v.minor, v.patch), (1, 2, 3))

    def test_parses_prerelease_and_build(self):
        v = parse("1.2.3-rc.1+build.5")
        self.assertEqual(v.prerelease, ("rc", 1))
        self.assertEqual(str(v), "1.2.3-rc.1+build.5")

    def test_rejects_leading_zero(self):
        with self.assertRaises(ValueError):
            parse("01.2.3")


class OrderTest(unittest.TestCase):
    def test_core_order(self):
        self.assertLess(parse("1.9.0"), parse("1.10.0"))

    def test_numeric_identifiers_compare_as_numbers(self):
        self.assertLess(parse("1.0.0-alpha.9"), parse("1.0.0-alpha.10"))

    def test_numbers_sort_before_strings(self):
        self.assertLess(parse("1.0.0-alpha.1"), parse("1.0.0-alpha.beta"))

    def test_build_metadata_ignored(self):
        self.assertEqual(parse("1.0.0+a"), parse("1.0.0+b"))
        self.assertEqual(len({parse("1.0.0+a"), parse("1.0.0")}), 1)


if __name__ == "__main__":
    unittest.main()

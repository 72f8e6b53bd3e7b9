"""Constants the national tests share with their conftest."""

# A key as the consolidator would issue it; the tests check it is written nowhere.
KEY = b"test-consolidator-key-4c1d9e27b5a0f3"

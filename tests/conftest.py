pytest_plugins = ["common.testing.fixtures"]

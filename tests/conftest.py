pytest_plugins = ["common.testing.fixtures", "common.testing.storage", "tests.plan_checks"]

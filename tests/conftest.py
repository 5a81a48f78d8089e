pytest_plugins = ["common.testing.fixtures", "tests.plan_checks"]

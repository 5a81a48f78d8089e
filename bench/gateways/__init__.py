"""bench/gateways: LifeGraph's router beside Apollo Gateway, Hive Gateway and Grafbase."""

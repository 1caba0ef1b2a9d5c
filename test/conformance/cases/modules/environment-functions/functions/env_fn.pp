function env_fn($v) { "env:${v}" }

notify { 'x': message => [sprintf('%.0f', 2.5), sprintf('%.0f', 3.5), sprintf('%.1f', 0.05), sprintf('%.2f', 1.005), sprintf('%d', 2.9), sprintf('%s', 1.0), sprintf('%5.1f|%-6d|', 3.14159, 42)] }

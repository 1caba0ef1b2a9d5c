$os = 'Linux'

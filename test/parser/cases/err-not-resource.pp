$a + 1 { mode => 1 }

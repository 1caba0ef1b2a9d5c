node 'other.example.test' { }

File <<| tag == 'x' |>>

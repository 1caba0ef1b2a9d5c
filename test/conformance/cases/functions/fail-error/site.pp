fail('Custom failure: ', 'bad thing')

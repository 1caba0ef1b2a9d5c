class a { notify { 'a': } include z }

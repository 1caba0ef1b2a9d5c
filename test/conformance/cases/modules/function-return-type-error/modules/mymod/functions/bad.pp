function mymod::bad() >> Integer { 'not an int' }

notify { 'x': message => [$facts['my-fact'], $facts['UpperFact'], $facts['dotted.name']] }

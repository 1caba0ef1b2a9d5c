notify { 'x': message => [match('key=val', /(?<k>\w+)=(?<v>\w+)/), 'no' =~ /(?<x>y)/] }

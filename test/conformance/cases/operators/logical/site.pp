notify { 'x': message => [true and false, true or false, !true, !false, false or !false and true] }
notify { 'truthy': message => [!undef, !'', !0, ![], !'false'] }

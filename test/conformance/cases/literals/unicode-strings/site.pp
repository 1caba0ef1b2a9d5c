notify { 'unicode': message => "héllo wörld ✓ 日本" }
notify { "titel-ü": message => 'ü' }

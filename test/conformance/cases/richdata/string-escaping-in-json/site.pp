notify { 'x': message => "quote \" backslash \\ slash / tab \t nl \n cr \r bell \u0007 del \u007F nbsp \u00A0 ls \u2028 emoji \u{1F600}" }

[1].each |$x| { class inner { } }

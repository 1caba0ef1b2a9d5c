include demo
demo::site { ['alpha', 'beta']: }

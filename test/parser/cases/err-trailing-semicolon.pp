include foo;

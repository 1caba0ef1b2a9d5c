type MyType = Integer[0, 10]
type Other = Variant[String, MyType,]
type Obj = Object[{ attributes => { a => Integer } }]
type Sub = Obj { attributes => { b => String } }
type Plain = { attributes => {} }

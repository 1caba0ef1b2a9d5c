File['a'] { require +> File['b'] }

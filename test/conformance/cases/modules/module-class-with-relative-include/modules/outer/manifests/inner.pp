class outer::inner { notify { 'inner': } }

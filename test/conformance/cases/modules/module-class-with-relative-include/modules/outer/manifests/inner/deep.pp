class outer::inner::deep { notify { 'deep': } }

class outer { include outer::inner contain outer::inner::deep }

module PuppetX
  module Acme
    module Names
      def self.valid_host?(name)
        name =~ /\A[a-zA-Z0-9.-]+\z/
      end
    end
  end
end

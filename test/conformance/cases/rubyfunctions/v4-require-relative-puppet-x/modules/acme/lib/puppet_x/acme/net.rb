module PuppetX
  module Acme
    # Helpers shared by the module's functions and types.
    module Net
      def self.normalize_mac(mac)
        mac.downcase.tr('-', ':')
      end
    end
  end
end

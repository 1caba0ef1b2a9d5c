// The little of Puppet that custom facts reach for when they run inside the
// agent (where real facts find Puppet loaded): Puppet[:setting] from the
// agent's resolved settings, Puppet.version, Puppet.features.root?,
// Puppet::Util::Package.versioncmp, and the default provider of the package
// and service types (stdlib's package_provider/service_provider facts). Other
// parts of Puppet stay absent, so a fact using them fails with Ruby's
// NameError/NoMethodError naming what is missing.

export const PUPPET_SHIM_RUBY = String.raw`
module Puppet
  class << self
    def [](name)
      BunrakuFacter.puppet_setting(name)
    end

    def settings
      BunrakuFacter::PuppetSettings
    end

    def version
      BunrakuFacter.puppet_version
    end

    def features
      BunrakuFacter::PuppetFeatures
    end

    def run_mode
      BunrakuFacter::RunMode.new(BunrakuFacter.puppet_setting(:run_mode) || 'agent')
    end
  end

  module Util
    module Package
      # Puppet's version comparison: numeric runs compare as numbers (unless
      # zero-padded), other runs case-insensitively; '-' sorts lowest, then '.'.
      def self.versioncmp(version_a, version_b, ignore_trailing_zeroes = false)
        pattern = /[-.]|\d+|[^-.\d]+/
        if ignore_trailing_zeroes
          version_a = strip_trailing_zeroes(version_a)
          version_b = strip_trailing_zeroes(version_b)
        end
        left = version_a.to_s.scan(pattern)
        right = version_b.to_s.scan(pattern)
        until left.empty? || right.empty?
          a = left.shift
          b = right.shift
          next if a == b
          %w[- .].each do |sep|
            return -1 if a == sep
            return 1 if b == sep
          end
          if a =~ /\A\d+\z/ && b =~ /\A\d+\z/
            return a.upcase <=> b.upcase if a.start_with?('0') || b.start_with?('0')
            return a.to_i <=> b.to_i
          end
          return a.upcase <=> b.upcase
        end
        version_a.to_s <=> version_b.to_s
      end

      # As Puppet's: zeroes and dots off the end of the part before the first
      # '-' (so "1.10" becomes "1.1" too).
      def self.strip_trailing_zeroes(version)
        head, *tail = version.to_s.split('-')
        [head.to_s.sub(/[.0]+\z/, ''), *tail].join('-')
      end
    end
  end

  # Puppet::Type.type(:package) as far as asking for its default provider.
  class Type
    def self.type(name)
      provider = BunrakuFacter.default_provider(name)
      provider ? new(name, provider) : nil
    end

    def initialize(name, provider)
      @name = name.to_sym
      @provider = provider
    end

    def name
      @name
    end

    def method_missing(method, *args, &block)
      return super unless method.to_s == "new#{@name}"
      Instance.new(args.first || {}, @provider)
    end

    def respond_to_missing?(method, include_private = false)
      method.to_s == "new#{@name}" || super
    end

    class Instance
      def initialize(params, provider)
        @params = params.transform_keys(&:to_sym)
        @provider = provider
      end

      def [](name)
        name.to_sym == :provider ? @provider.to_sym : @params[name.to_sym]
      end
    end
  end
end

module BunrakuFacter
  module PuppetSettings
    def self.[](name)
      BunrakuFacter.puppet_setting(name)
    end

    def self.value(name, _environment = nil, _bypass_interpolation = false)
      BunrakuFacter.puppet_setting(name)
    end
  end

  # Puppet.run_mode: the mode the settings were resolved for.
  class RunMode
    def initialize(name)
      @name = name.to_sym
    end

    attr_reader :name

    def agent? = @name == :agent
    def server? = @name == :server || @name == :master
    def master? = server?
    def user? = @name == :user
    def to_s = @name.to_s
  end

  module PuppetFeatures
    def self.root?
      Facter.value('identity.privileged') == true
    end

    def self.posix?
      true
    end

    def self.microsoft_windows?
      false
    end
  end

  class << self
    attr_accessor :puppet_settings, :puppet_version, :default_providers

    def puppet_setting(name)
      settings = @puppet_settings or raise NameError, "Puppet settings are not available to custom facts here (Puppet[:#{name}])"
      key = name.to_s
      # Puppet's 'config' setting: $confdir/puppet.conf
      return "#{settings['confdir']}/puppet.conf" if key == 'config' && !settings.key?(key)
      settings[key] # an unknown setting is nil, as in Puppet
    end

    def default_provider(type)
      (@default_providers || {})[type.to_s]
    end
  end
end
`;

// The Ruby code loaded once into the embedded VM: Puppet's template wrapper and
// scope as templates see them, Puppet's Sensitive, the tagged JSON encoder for
// values going back to JS, and the callback into JS for scope lookups and
// function calls.
//
// Class names mirror Puppet's (Puppet::Parser::TemplateWrapper,
// Puppet::Parser::Scope, Puppet::Pops::Types::PSensitiveType::Sensitive) so that
// templates printing `.class` or testing `is_a?` see what they see in Puppet.

export const RUBY_PRELUDE = String.raw`
require 'erb'
require 'json'
require 'yaml' # Puppet has Psych loaded: templates call to_yaml
require 'js'

module Puppet
  class Error < RuntimeError; end
  class ParseError < Error; end
  module Pops
    module Types
      # The base of Puppet's types; the compiler's types reach Ruby as Bunraku::TypeHandle.
      class PAnyType; end

      class PSensitiveType < PAnyType
        class Sensitive
          def initialize(value)
            @value = value
          end

          def unwrap
            @value
          end

          def to_s
            "Sensitive [value redacted]"
          end

          def inspect
            "#<#{self}>"
          end

          def hash
            @value.hash
          end

          def ==(other)
            other.is_a?(Sensitive) && other.hash == hash
          end
          alias eql? ==
        end
      end
    end
  end

  module Parser
    # What templates reach through 'scope': every answer comes from the compiler.
    class Scope
      # id: the compiler's Puppet scope this stands for (templates rendered
      # from one scope share what scope.setvar stored)
      def initialize(id = nil)
        @bunraku_id = id
      end

      def [](name, options = {})
        lookupvar(name, options)
      end

      def lookupvar(name, options = {})
        unless name.is_a?(String)
          raise Puppet::ParseError, "Scope variable name #{name.inspect} is a #{name.class}, not a string"
        end
        set = Bunraku.scope_vars(@bunraku_id)
        return set[name] if set&.key?(name)
        Bunraku.callback('lookup', name)
      end

      # Kept on the Ruby side, the same object for later templates of this
      # scope (apache's templates pass a mutable hash this way).
      def setvar(name, value, options = {})
        Bunraku.set_scope_var(@bunraku_id, name.to_s, value)
      end

      def include?(name)
        !self[name].nil?
      end

      def exist?(name)
        set = Bunraku.scope_vars(@bunraku_id)
        return true if set&.key?(name)
        Bunraku.callback('exist', name)
      end

      def to_hash(recursive = true, include_undef = false)
        Bunraku.callback('to_hash')
      end

      def call_function(name, args, &block)
        Bunraku.callback('call', name.to_s, args, '4x')
      end

      def method_missing(method, *args, &block)
        name = method.to_s[/\Afunction_(.*)\z/, 1]
        return super unless name
        unless args.length == 1 && args[0].is_a?(Array)
          raise ArgumentError, "custom functions must be called with a single array that contains the arguments. For example, function_example([1]) instead of function_example(1)"
        end
        Bunraku.callback('call', name, args[0], '3x')
      end

      def respond_to_missing?(method, include_private = false)
        method.to_s.start_with?('function_') || super
      end

      def to_s
        'Scope()'
      end
    end

    class TemplateWrapper
      def initialize(scope, file)
        @__scope__ = scope
        @__file__ = file
      end

      def file
        @__file__
      end

      def scope
        @__scope__
      end

      def has_variable?(name)
        scope.include?(name.to_s)
      end

      def classes
        Bunraku.callback('classes')
      end

      def tags
        raise NotImplementedError, "Call 'all_tags' instead."
      end

      def all_tags
        Bunraku.callback('all_tags')
      end

      def to_s
        "template[#{(@__file__ ? @__file__ : "inline")}]"
      end
    end
  end
end

# Puppet 7 runs on Ruby 3.1, whose NameError messages describe the receiver as
# 'nil:NilClass' or '"text":String' where Ruby 3.3 says 'nil' or 'an instance
# of String'; templates' error messages must read as Puppet's.
module Bunraku
  module Ruby31NameErrorMessage
    RUBY33_RECEIVER = /\A(.*?) for (?:nil|true|false|main|an instance of [\w:]+|class [\w:]+|module [\w:]+)\z/m

    def to_s
      msg = super
      return msg unless msg.is_a?(String) && (m = RUBY33_RECEIVER.match(msg))
      recv = begin
        receiver
      rescue ArgumentError
        return msg
      end
      "#{m[1]} for #{Bunraku::Ruby31NameErrorMessage.describe(recv)}"
    end

    def self.describe(recv)
      case recv
      when nil then 'nil:NilClass'
      when true then 'true:TrueClass'
      when false then 'false:FalseClass'
      else
        return 'main:Object' if recv.equal?(TOPLEVEL_BINDING.receiver)
        d = begin
          recv.inspect
        rescue Exception
          nil
        end
        d = Kernel.instance_method(:to_s).bind_call(recv) if d.nil? || d.length > 65
        d.start_with?('#') ? d : "#{d}:#{recv.class}"
      end
    end
  end
  NameError.prepend(Ruby31NameErrorMessage)
end

module Bunraku
  # A Puppet value with no Ruby counterpart here (a type, a resource reference):
  # templates can only print it.
  class Opaque
    def initialize(display)
      @display = display
    end

    def to_s
      @display
    end

    def inspect
      @display
    end
  end

  MAX_CACHED_TEMPLATES = 2000
  @methods = {}
  MAX_SCOPES_WITH_VARS = 1000
  @scope_vars = {}

  def self.scope_vars(id)
    id.nil? ? nil : @scope_vars[id]
  end

  def self.set_scope_var(id, name, value)
    return value if id.nil?
    (@scope_vars[id] ||= {})[name] = value
    @scope_vars.shift while @scope_vars.size > MAX_SCOPES_WITH_VARS
    value
  end

  def self.tag(v)
    case v
    when nil, true, false then v
    when String then (v.encoding == Encoding::UTF_8 && v.valid_encoding?) ? v : v.dup.force_encoding(Encoding::UTF_8).scrub
    when Integer then v.abs < 9007199254740992 ? v : { '$i' => v.to_s }
    when Float then { '$f' => v.finite? ? v : v.to_s }
    when Symbol then { '$s' => v.to_s }
    when Array then v.map { |x| tag(x) }
    when Hash then { '$h' => v.map { |k, x| [tag(k), tag(x)] } }
    when Puppet::Pops::Types::PSensitiveType::Sensitive then { '$sensitive' => tag(v.unwrap) }
    when Regexp then { '$re' => v.source }
    when Bunraku::HandleMethods then { '$ref' => v.bunraku_ref, 'd' => v.to_s, 'k' => v.bunraku_kind }
    else { '$o' => v.to_s }
    end
  end

  def self.encode(v)
    JSON.generate(tag(v))
  end

  # A value of the compiler's passed by reference (see values.ts).
  module HandleMethods
    attr_reader :bunraku_ref, :bunraku_kind

    def initialize(id, display, kind)
      @bunraku_ref = id
      @bunraku_display = display
      @bunraku_kind = kind
    end

    def to_s
      @bunraku_display
    end

    def inspect
      @bunraku_display
    end

    def ==(other)
      other.is_a?(Bunraku::HandleMethods) && other.bunraku_ref == bunraku_ref
    end
    alias eql? ==

    def hash
      bunraku_ref.hash
    end
  end

  class Handle
    include HandleMethods
  end

  class TypeHandle < Puppet::Pops::Types::PAnyType
    include HandleMethods
  end

  def self.handle(id, display, kind, pclass = nil)
    case kind
    when 'type'
      types = Puppet::Pops::Types
      klass = pclass && types.const_defined?(pclass, false) ? types.const_get(pclass, false) : TypeHandle
      klass = TypeHandle unless klass <= HandleMethods
      klass.new(id, display, kind)
    when 'resource' then ResourceHandle.new(id, display, kind)
    when 'timespan' then (defined?(Puppet::Pops::Time::Timespan) ? Puppet::Pops::Time::Timespan : Handle).new(id, display, kind)
    when 'timestamp' then (defined?(Puppet::Pops::Time::Timestamp) ? Puppet::Pops::Time::Timestamp : Handle).new(id, display, kind)
    else Handle.new(id, display, kind)
    end
  end

  # Every string JS hands Ruby arrives on standard input (see worker.ts): a
  # 4-byte little-endian length, then the UTF-8 text. (A JS string returned to
  # Ruby, or code passed to vm.eval, leaks its copy in the wasm memory.)
  def self.receive
    head = STDIN.read(4)
    raise IOError, 'Bunraku expected a message from JS on standard input and found none' unless head && head.bytesize == 4
    (STDIN.read(head.unpack1('L<')) || +'').force_encoding(Encoding::UTF_8)
  end

  def self.ask(op, arg)
    JS.global.call(:bunrakuRubyCall, op, arg)
    receive
  end

  # The worker's loop (see worker.ts), entered with a request waiting: takes
  # each request's code, evaluates it as @ruby/wasm-wasi's vm.eval did (at the
  # top level: TOPLEVEL_BINDING, file "eval") and answers with its to_s, or
  # with the failure formatted as vm.eval's error messages were; returns when
  # no request came for a while.
  def self.serve
    begin
      code = receive
      answer = begin
        ['result', TOPLEVEL_BINDING.eval(code, 'eval', 1).to_s]
      rescue Exception => e
        ['failure', describe_failure(e, caller(0).size)]
      end
      JS.global.call(:bunrakuReply, *answer)
    end while JS.global.call(:bunrakuNextRequest).to_i == 1
    nil
  end

  # "<first frame>: <message> (<class>)\n<other frames>", the frames being
  # those of the evaluated code (the last depth, serve's own, and an eval
  # frame dropped).
  def self.describe_failure(e, depth)
    frames = (e.backtrace || [])[0...-depth] || []
    frames = frames[0...-1] if frames.last&.end_with?("in \x60eval'")
    return "#{e.class}: #{e.message}" if frames.empty?
    "#{frames[0]}: #{e.message} (#{e.class})\n#{frames.drop(1).join("\n")}"
  end

  # Calls into JS; the reply is 'V' + Ruby literal text, 'E' + an error
  # message, or 'N' + the message of a NoMethodError to raise.
  #
  # An 'R' + code reply is JS needing Ruby while it prepares its answer (see
  # RubyRuntime#evalSync): the code runs here, its result goes back as a
  # '__result' callback (or '__failure'), and the reply to that continues the
  # exchange, until the real answer comes.
  def self.callback(op, *args)
    reply = ask(op, encode(args))
    while reply.start_with?('R')
      result = begin
        ['__result', TOPLEVEL_BINDING.eval(reply[1..-1]).to_s]
      rescue Exception => e
        ['__failure', "#{e.class}: #{e.message}"]
      end
      reply = ask(result[0], result[1])
    end
    raise Puppet::ParseError, reply[1..-1] if reply.start_with?('E')
    raise NoMethodError, reply[1..-1] if reply.start_with?('N')
    eval(reply[1..-1])
  end

  # Compiles a template once into a method of TemplateWrapper (ERB#def_method
  # keeps the file name and line numbers of backtraces).
  def self.template_method(source, filename)
    key = [source, filename]
    name = @methods[key]
    return name if name
    return nil if @methods.size >= MAX_CACHED_TEMPLATES
    name = "__bunraku_template_#{@methods.size}"
    erb = ERB.new(source, trim_mode: '-')
    erb.def_method(Puppet::Parser::TemplateWrapper, "#{name}()", filename || '(erb)')
    @methods[key] = name
  end

  # Renders one template; answers 'O' + output, or 'E' + the error as JSON.
  def self.render(source, filename, vars, scope_id = nil)
    wrapper = Puppet::Parser::TemplateWrapper.new(Puppet::Parser::Scope.new(scope_id), filename)
    vars.each do |name, value|
      wrapper.instance_variable_set("@#{name.gsub(/[^\w]/, "_")}", value)
    end
    method = template_method(source, filename)
    out = if method
      wrapper.send(method)
    else
      erb = ERB.new(source, trim_mode: '-')
      erb.filename = filename
      wrapper.instance_eval { erb.result(binding) }
    end
    'O' + out.to_s
  rescue Exception => e
    'E' + JSON.generate({
      'class' => e.class.name,
      'message' => e.to_s.dup.force_encoding(Encoding::UTF_8).scrub,
      'standard' => e.is_a?(StandardError),
      'backtrace' => (e.backtrace || []).first(8),
    })
  end
end
`;

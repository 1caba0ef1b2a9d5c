# Records what real Puppet says about each test/parser/cases/*.pp (and *.epp):
# its warnings and errors (issue code, line:column, message) and, when valid,
# Puppet's own S-expression dump of the model. Writes NAME.out beside NAME.pp,
# and NAME.pos with the line:column of every node (pre-order, children in the
# model's attribute order) when the file parses.
# Run: ruby test/parser/oracle.rb test/parser/cases/*.pp
# With `--out DIR` first, writes DIR/<n>.out for the n-th file instead (for
# comparing whole module trees without writing beside them).
require 'puppet'
require 'tmpdir'
dir = Dir.mktmpdir('bunraku-oracle')
Puppet.initialize_settings(['--confdir', dir, '--vardir', dir, '--codedir', dir])
logs = []
Puppet::Util::Log.newdestination(Puppet::Test::LogCollector.new(logs))
Puppet::Util::Log.level = :warning
ep = Puppet::Pops::Parser::EvaluatingParser.new
epp = Puppet::Pops::Parser::EvaluatingParser::EvaluatingEppParser.new

def where(line, pos)
  line.nil? ? '-:-' : "#{line}:#{pos}"
end

out_dir = nil
if ARGV[0] == '--out'
  ARGV.shift
  out_dir = ARGV.shift
end

# Every positioned node as "Kind line:column", skipping the name inside a
# variable (our tree keeps it as a string).
def positions(model)
  lines = []
  walk = lambda do |o, parent|
    unless o.is_a?(Puppet::Pops::Model::QualifiedName) && parent.is_a?(Puppet::Pops::Model::VariableExpression)
      lines << "#{o.class.name.split('::').last} #{o.line}:#{o.pos}" if o.is_a?(Puppet::Pops::Model::Positioned)
    end
    o._pcore_contents { |c| walk.call(c, o) }
  end
  body = model.body
  walk.call(body, nil) if body && !body.is_a?(Puppet::Pops::Model::Nop)
  lines.join("\n") + "\n"
end

ARGV.each_with_index do |f, index|
  code = File.read(f, :encoding => 'utf-8')
  logs.clear
  out = []
  dumped = nil
  pos = nil
  parser = f.end_with?('.epp') ? epp : ep
  begin
    pr = parser.parser.parse_string(code, f)
    pos = positions(pr.model)
    acc = parser.validate(pr.model)
    (acc.errors + acc.warnings).each do |d|
      sp = d.source_pos
      out << "#{d.severity} #{d.issue.issue_code} #{where(sp.line, sp.pos)} #{d.issue.format(d.arguments)}"
    end
    dumped = Puppet::Pops::Model::ModelTreeDumper.new.dump(pr.model) if acc.errors.empty?
  rescue Puppet::ParseErrorWithIssue => e
    out << "error #{e.issue_code} #{where(e.line, e.pos)} #{e.basic_message}"
  rescue Puppet::ParseError => e
    out << "error PARSE_ERROR #{where(e.line, e.pos)} #{e.message.sub(/ \((?:file|line): [^()]*\)\z/, "")}"
  rescue StandardError => e
    # Puppet fails internally (e.g. a regexp Ruby cannot compile); not a case to compare
    out = ["internal #{e.class}"]
    pos = nil
  end
  warns = logs.map { |l| "warning - #{where(l.line, l.pos)} #{l.message}" }
  text = (warns + out).join("\n")
  text += "\n" unless text.empty?
  text += "---\n#{dumped}\n" if dumped
  File.write(out_dir ? File.join(out_dir, "#{index}.out") : f.sub(/\.e?pp\z/, '.out'), text)
  File.write(out_dir ? File.join(out_dir, "#{index}.pos") : f.sub(/\.e?pp\z/, '.pos'), pos) if pos
end

package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ctkit} command in a code block of the docs, the README and the examples' READMEs
 * parses in this build's CLI: a verb, flag or value the docs show and the CLI does not take is a
 * doc that is not true. Parsing only (picocli, as a run builds the command line): nothing runs.
 * A line's shell parts (a pipe, a redirection, a trailing {@code &}, a comment) are cut off, and
 * {@code \}-continued lines joined.
 */
class DocumentedCommandsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("(?s)```[a-z]*\\n(.*?)```");
    private static final Pattern COMMAND = Pattern.compile("^(?:\\$ )?(?:bin/)?ctkit ([a-z][a-z-]*(?: .*)?)$");

    @Test
    void everyDocumentedCommandParses() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs()) {
            for (String command : commands(Files.readString(doc))) {
                String[] args = words(command);
                try {
                    Ctkit.commandLine(args).parseArgs(args);
                } catch (CommandLine.ParameterException e) {
                    problems.add(ROOT.relativize(doc) + ": ctkit " + command + "\n    " + e.getMessage());
                }
                checked++;
            }
        }
        assertThat(checked).as("commands found in the docs").isGreaterThan(30);
        assertThat(problems).as("documented commands the CLI refuses").isEmpty();
    }

    @Test
    void everyFlagInTheCliReferencesHeadingsIsAnOptionOfItsVerb() throws IOException {
        List<String> problems = new ArrayList<>();
        int flags = 0;
        Matcher headings = Pattern.compile("(?m)^### `(.*)`\\s*$").matcher(Files.readString(ROOT.resolve("docs/cli.md")));
        while (headings.find()) {
            for (String synopsis : headings.group(1).split("` · `")) {
                String[] words = synopsis.split(" ");
                CommandLine command = Ctkit.commandLine(words).getSubcommands().get(words[0]);
                if (command == null) {
                    problems.add(synopsis + ": no verb " + words[0]);
                    continue;
                }
                if (words.length > 1 && command.getSubcommands().containsKey(words[1])) {
                    command = command.getSubcommands().get(words[1]);
                }
                Matcher flag = Pattern.compile("--[a-z][a-z-]*").matcher(synopsis);
                while (flag.find()) {
                    flags++;
                    if (command.getCommandSpec().findOption(flag.group()) == null) {
                        problems.add(synopsis + ": " + command.getCommandName() + " has no option " + flag.group());
                    }
                }
            }
        }
        assertThat(flags).as("flags in docs/cli.md's headings").isGreaterThan(60);
        assertThat(problems).as("flags docs/cli.md names that the CLI lacks").isEmpty();
    }

    @Test
    void aCommandTheCliRefusesIsFound() {
        String doc = "```\nctkit evaluate --model m --data d.csv --bootstraps 10   # a typo\n```\n";
        String[] args = words(commands(doc).get(0));
        assertThat(args).containsExactly("evaluate", "--model", "m", "--data", "d.csv", "--bootstraps", "10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ctkit.commandLine(args).parseArgs(args))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--bootstraps");
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
            examples.map(e -> e.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The ctkit commands of a Markdown text's code blocks, without the {@code ctkit} word and the shell around them. */
    static List<String> commands(String markdown) {
        List<String> commands = new ArrayList<>();
        Matcher blocks = BLOCK.matcher(markdown);
        while (blocks.find()) {
            for (String line : blocks.group(1).replace("\\\n", " ").split("\n")) {
                Matcher m = COMMAND.matcher(line.strip());
                if (m.matches()) {
                    commands.add(shellPartsCut(m.group(1)));
                }
            }
        }
        return commands;
    }

    /** The command up to the first unquoted {@code #}, {@code |}, {@code >}, {@code <} or {@code &}. */
    private static String shellPartsCut(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ("#|><&".indexOf(c) >= 0 && (i == 0 || Character.isWhitespace(line.charAt(i - 1)) || c != '#')) {
                return line.substring(0, i).strip();
            }
        }
        return line.strip();
    }

    /** Shell words: split at unquoted blanks, quotes removed. */
    static String[] words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '$' && quote != '\'') {
                // a shell variable ($PORT, "$PORT") stands for a value: 1 parses as a number and as a path
                int end = i + 1;
                while (end < command.length() && (Character.isLetterOrDigit(command.charAt(end)) || command.charAt(end) == '_')) {
                    end++;
                }
                word.append('1');
                inWord = true;
                i = end - 1;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }
}

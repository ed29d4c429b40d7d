package dev.launchguard.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code launchguard completion [bash|zsh]}: the shell completion script for every command and
 * option, generated from the command tree itself, so it never falls behind.
 */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash or zsh.",
            "bash: save it as ~/.local/share/bash-completion/completions/launchguard",
            "(launchd/install.sh does), or add 'source <(launchguard completion)' to",
            "~/.bashrc. zsh: add 'source <(launchguard completion zsh)' to ~/.zshrc;",
            "the script loads zsh's bashcompinit itself."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the script was printed", "2:a shell other than bash or zsh"})
final class CompletionCommand implements Callable<Integer> {

    /** The shells the script serves: picocli writes a bash script that zsh runs through bashcompinit. */
    enum Shell { bash, zsh }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
            description = "bash or zsh (default: ${DEFAULT-VALUE})")
    Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("launchguard", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}

package org.doorplate.sim.cli;

import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import org.doorplate.sim.api.ServerApiException;
import org.doorplate.sim.provision.CredentialsFile;
import org.doorplate.sim.demo.DemoCommand;
import org.doorplate.sim.transport.LinkException;
import picocli.CommandLine;

/** Assembles the command line and maps failures to messages and exit codes. */
public final class Commands {
    private Commands() {
    }

    /** The command line with every sub-command and the error handling. */
    public static CommandLine commandLine(Object top) {
        CommandLine cli = new CommandLine(top)
            .addSubcommand(new RunCommand())
            .addSubcommand(new ScenarioCommand())
            .addSubcommand(new LoadCommand())
            .addSubcommand(new VerifyCommand())
            .addSubcommand(new ProvisionCommand())
            .addSubcommand(new DemoCommand());
        cli.setExecutionExceptionHandler(Commands::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        String command = cli.getCommandName();
        Throwable cause = e;
        while (cause instanceof ExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        int code;
        if (cause instanceof CredentialsFile.BadCredentialsException
                || cause instanceof IllegalArgumentException) {
            code = ExitCodes.USAGE;
        } else if (cause instanceof ServerApiException || cause instanceof LinkException
                || cause instanceof UncheckedIOException || cause instanceof IllegalStateException) {
            code = ExitCodes.UNAVAILABLE;
        } else {
            cli.getErr().println(command + ": " + cause);
            cause.printStackTrace(cli.getErr());
            cli.getErr().flush();
            return ExitCodes.UNAVAILABLE;
        }
        cli.getErr().println(command + ": " + cause.getMessage());
        cli.getErr().flush();
        return code;
    }
}

package io.labelstream.devstack;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log of a process the stack runs outside Quarkus, the launcher and the broker: records from a level up, one
 * line each, on the process's error output. Their class path binds SLF4J and the JDK's loggers to JBoss
 * LogManager, which, left as it starts, enables every level and hands each record to a handler that holds it for a
 * Quarkus application, one that never starts in these processes. The broker then described every request it served
 * as JSON and wrote trace lines for each fetch and append, a fifth of its CPU, and its log showed none of it; the
 * launcher's HTTP client did the same for its own debug lines.
 */
final class ConsoleLogging {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneId.systemDefault());

    private ConsoleLogging() {
    }

    /**
     * Replaces the root logger's handlers with one that prints records from {@code level} up. Needs JBoss LogManager
     * as the JDK's log manager ({@code -Djava.util.logging.manager=org.jboss.logmanager.LogManager}): SLF4J logs to
     * it whatever the JDK's manager is, and is configured through the JDK's logging API only when it is that manager.
     */
    static void from(Level level) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler console = new ConsoleHandler();
        console.setLevel(level);
        console.setFormatter(new LineFormatter());
        root.addHandler(console);
        root.setLevel(level);
    }

    /** Sets one logger's level, such as a library's that is too talkative at the root's. */
    static void set(String logger, Level level) {
        Logger.getLogger(logger).setLevel(level);
    }

    /** {@code 2026-01-31 12:00:00,000 INFO  [logger] message}, then the stack trace of a thrown exception. */
    static final class LineFormatter extends Formatter {

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(160)
                    .append(TIME.format(record.getInstant())).append(' ')
                    .append(String.format("%-5s", record.getLevel().getName())).append(" [")
                    .append(record.getLoggerName()).append("] ")
                    .append(formatMessage(record)).append(System.lineSeparator());
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}

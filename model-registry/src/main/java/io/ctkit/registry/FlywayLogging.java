package io.ctkit.registry;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Sends Flyway's log to {@code java.util.logging} under {@code org.flywaydb}, whatever else is on
 * the classpath. Left to itself Flyway picks SLF4J, Log4j 2, Commons Logging or JUL by what it
 * finds, so the same registry logged differently in the CLI jar, in tests and in a host
 * application, and a level set on {@code org.flywaydb} sometimes did nothing. Public only because
 * Flyway instantiates it by class name ({@code loggers}); not part of the registry's API.
 */
public final class FlywayLogging implements LogCreator {

    /** The JUL logger all of Flyway's messages go to (its classes log to children of it). */
    public static final String LOGGER = "org.flywaydb";

    /**
     * A system property naming the level (a {@code java.util.logging.Level} name, any case) that opening a
     * registry gives {@link #LOGGER} when nobody has set one: {@code WARNING} when it is unset or
     * not a level. The CLI sets {@code OFF} through it rather than by touching the logger at
     * start-up, which would start {@code java.util.logging} in every command.
     */
    public static final String LEVEL_PROPERTY = "ctkit.flyway.level";

    @Override
    public Log createLogger(Class<?> clazz) {
        Logger logger = Logger.getLogger(clazz.getName().startsWith(LOGGER) ? clazz.getName() : LOGGER);
        String source = clazz.getName();
        return new Log() {
            // logp names Flyway's class as the record's source; plain fine/info would infer this adapter
            @Override
            public boolean isDebugEnabled() {
                return logger.isLoggable(Level.FINE);
            }

            @Override
            public void debug(String message) {
                logger.logp(Level.FINE, source, null, message);
            }

            @Override
            public void info(String message) {
                logger.logp(Level.INFO, source, null, message);
            }

            @Override
            public void warn(String message) {
                logger.logp(Level.WARNING, source, null, message);
            }

            @Override
            public void error(String message) {
                logger.logp(Level.SEVERE, source, null, message);
            }

            @Override
            public void error(String message, Exception e) {
                logger.logp(Level.SEVERE, source, null, message, e);
            }

            @Override
            public void notice(String message) {
                logger.logp(Level.INFO, source, null, message);
            }
        };
    }
}

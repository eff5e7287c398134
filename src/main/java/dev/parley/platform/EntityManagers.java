package dev.parley.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.TransactionRequiredException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@code EntityManager} that stores inject: bound to the current JTA transaction, flushed at its
 * commit and closed after it, as a container-managed one is.
 * <p>
 * Why not {@code @PersistenceContext}: the container opens such a persistence unit at deployment and
 * EclipseLink connects to the database to do it, so a database that is down at start would fail the
 * deployment and leave a server that never recovers. Here the unit
 * ({@code META-INF/parley-persistence.xml}) opens on first use after {@link SchemaMigrations} has
 * migrated the schema; until then a store call fails at once with {@link Database.Unavailable} (an
 * HTTP request gets 503), and readiness says why ({@link DatabaseHealth}).
 * <p>
 * Opening the unit takes a few hundred milliseconds on a fresh JVM (EclipseLink's metadata and login).
 * At start, once the schema is migrated, it is opened on another thread while the rest of the
 * application starts, so that the first request that stores does not wait for it; if that fails (the
 * database is down), nothing is kept and the first use tries again as before.
 */
@ApplicationScoped
public class EntityManagers {

    private static final Logger LOG = Logger.getLogger(EntityManagers.class.getName());
    private static final String UNIT = "parley";
    private static final String UNIT_FILE = "META-INF/parley-persistence.xml";

    /**
     * Static so that it outlives every bean: it is closed only when the application's beans are all
     * gone ({@link #close}), since a bean's own shutdown (the message writer's) may still store.
     */
    private static EntityManagerFactory factory;

    @Resource(lookup = Database.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedExecutorService executor;

    @Inject
    SchemaMigrations migrations;

    /** Observes after {@link SchemaMigrations}, whose observer goes first. */
    void openEarly(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (migrations.problem().isPresent()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    open().close();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "opening the persistence unit at start failed; the first use tries again", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "the persistence unit opens on first use", e);
        }
    }

    /**
     * A stateless proxy: each call goes to the entity manager of the caller's transaction. Dependent, so
     * that it keeps working while other beans shut down.
     */
    @Produces
    EntityManager entityManager() {
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "EntityManager of the current transaction (" + UNIT + ")";
                        };
                    }
                    try {
                        return method.invoke(current(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The current transaction's entity manager, made and joined on first use, closed after it completes. */
    private EntityManager current() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new TransactionRequiredException("Parley's stores use the database only in a transaction");
        }
        EntityManager em = (EntityManager) transactions.getResource(EntityManagers.class);
        if (em == null) {
            EntityManager created = open();
            created.joinTransaction();
            transactions.putResource(EntityManagers.class, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    created.close();
                }
            });
            em = created;
        }
        return em;
    }

    /**
     * A new entity manager; the first one opens the persistence unit, which connects to the database.
     * If that fails, the unit is dropped so that the next call opens it afresh.
     */
    private EntityManager open() {
        // Until the schema is migrated the database has not answered yet: say so rather than have
        // EclipseLink try, and log a stack trace, on every call.
        migrations.problem().ifPresent(problem -> {
            throw new Database.Unavailable(problem);
        });
        EntityManagerFactory unit;
        synchronized (EntityManagers.class) {
            if (factory == null) {
                factory = Persistence.createEntityManagerFactory(UNIT, Map.of(
                        "eclipselink.persistencexml", UNIT_FILE,
                        "eclipselink.classloader", EntityManagers.class.getClassLoader(),
                        "jakarta.persistence.jtaDataSource", dataSource));
            }
            unit = factory;
        }
        try {
            return unit.createEntityManager();
        } catch (RuntimeException e) {
            synchronized (EntityManagers.class) {
                if (factory == unit) {
                    factory = null;
                    closeQuietly(unit);
                }
            }
            throw e;
        }
    }

    /** After every application bean is gone: nothing can store any more. */
    static void close(@Observes @Destroyed(ApplicationScoped.class) Object ignored) {
        synchronized (EntityManagers.class) {
            if (factory != null) {
                closeQuietly(factory);
                factory = null;
            }
        }
    }

    private static void closeQuietly(EntityManagerFactory unit) {
        try {
            unit.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the persistence unit failed", e);
        }
    }
}

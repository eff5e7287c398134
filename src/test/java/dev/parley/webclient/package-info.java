/**
 * Parley's web client (the static ES modules in {@code src/main/webapp}) tested as people use it: in
 * headless Chromium, against the real server.
 * <ul>
 * <li>{@link dev.parley.webclient.Browser}: one Chromium with a profile of its own, through the system's
 * chromedriver (Debian's {@code chromium} and {@code chromium-driver}); nothing is downloaded.</li>
 * <li>{@link dev.parley.webclient.ChatPage}: the page as one person sees it, read through the client's DOM
 * hooks (ids, {@code data-testid}, {@code data-*}), with waits on conditions, never on time.</li>
 * <li>{@link dev.parley.webclient.WebClientBrowserIT}: two people register, meet, talk, reload, ride out a
 * server restart, and see markup as text.</li>
 * </ul>
 * These tests need a browser on the machine, so only the {@code browser} profile runs them
 * ({@code mvn verify -Pbrowser}); the default {@code mvn verify} leaves them out.
 */
package dev.parley.webclient;

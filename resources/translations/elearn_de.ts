<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Learn</source>
        <translation>Lernen</translation>
    </message>
    <message>
        <source>Learn, Author</source>
        <translation>Lernen, Erstellen</translation>
    </message>
    <message>
        <source>Learn, Support</source>
        <translation>Lernen, Support</translation>
    </message>
    <message>
        <source>Learn, Author, Support (administrator)</source>
        <translation>Lernen, Erstellen, Support (Administration)</translation>
    </message>
    <message>
        <source>Welcome to elearn</source>
        <translation>Willkommen bei elearn</translation>
    </message>
    <message>
        <source>This computer runs its own embedded database, filled with demo courses, so you can try everything without a server. Which workspaces you see depends on the account you sign in with:</source>
        <translation>Dieser Computer hat eine eigene eingebettete Datenbank mit Demo-Kursen: Sie können alles ohne Server ausprobieren. Welche Arbeitsbereiche Sie sehen, hängt vom Konto ab, mit dem Sie sich anmelden:</translation>
    </message>
    <message>
        <source>browse the catalog, watch lessons, take assessments and follow learning paths.</source>
        <translation>Katalog durchsuchen, Lektionen ansehen, Tests ablegen und Lernpfaden folgen.</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>instructors build courses, modules and lessons, assessments and learning paths.</source>
        <translation>Lehrende erstellen Kurse, Module und Lektionen, Tests und Lernpfade.</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>support staff look up accounts, their progress and subscriptions, and fix account problems.</source>
        <translation>Das Support-Team sieht Konten, deren Fortschritt und Abonnements ein und behebt Kontoprobleme.</translation>
    </message>
    <message>
        <source>Demo accounts (sign out from the File menu to switch). This page is always under Help → Welcome and demo accounts.</source>
        <translation>Demo-Konten (zum Wechseln im Menü Datei abmelden). Diese Seite finden Sie jederzeit unter Hilfe → Willkommen und Demo-Konten.</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Demo accounts</source>
        <translation>Demo-Konten</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to elearn</source>
        <translation>Bei elearn anmelden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Another PostgreSQL server…</source>
        <translation>Anderer PostgreSQL-Server…</translation>
    </message>
    <message>
        <source>Embedded (this computer)</source>
        <translation>Eingebettet (dieser Computer)</translation>
    </message>
    <message>
        <source>verify-full (encrypted, server identity checked)</source>
        <translation>verify-full (verschlüsselt, Identität des Servers geprüft)</translation>
    </message>
    <message>
        <source>require (encrypted, identity not checked)</source>
        <translation>require (verschlüsselt, Identität nicht geprüft)</translation>
    </message>
    <message>
        <source>disable (no encryption)</source>
        <translation>disable (keine Verschlüsselung)</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL-Server</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;TLS:</source>
        <translation>&amp;TLS:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problem bei der Anmeldung</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Auf diesem Computer ange&amp;meldet bleiben</translation>
    </message>
    <message>
        <source>First time here? The embedded database has demo accounts, e.g. learner@demo.test / learn-demo-2026 or admin@demo.test / admin-demo-2026 (all are listed in the README).</source>
        <translation>Zum ersten Mal hier? Die eingebettete Datenbank hat Demo-Konten, z. B. learner@demo.test / learn-demo-2026 oder admin@demo.test / admin-demo-2026 (alle stehen in der README).</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Continue &amp;offline</source>
        <translation>&amp;Offline weiterarbeiten</translation>
    </message>
    <message>
        <source>Enter your email and password.</source>
        <translation>Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Preparing the embedded database and checking your password…</source>
        <translation>Die eingebettete Datenbank wird vorbereitet und Ihr Passwort geprüft…</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>Verbindung zu {0} wird hergestellt…</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly ({0}). Details are in the log.</source>
        <translation>Die Anmeldung ist unerwartet fehlgeschlagen ({0}). Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>This computer has an offline copy: you can continue offline.</source>
        <translation>Dieser Computer hat eine Offline-Kopie: Sie können offline weiterarbeiten.</translation>
    </message>
    <message>
        <source>Unlocking your offline copy…</source>
        <translation>Ihre Offline-Kopie wird entsperrt…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Learn</source>
        <translation>Lernen</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Sign in to see this workspace.</source>
        <translation>Melden Sie sich an, um diesen Arbeitsbereich zu sehen.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Sync: —</source>
        <translation>Abgleich: —</translation>
    </message>
    <message>
        <source>No downloads</source>
        <translation>Keine Downloads</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Changes the server re&amp;jected…</source>
        <translation>Vom Server abgele&amp;hnte Änderungen…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Welcome and demo accounts</source>
        <translation>&amp;Willkommen und Demo-Konten</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <source>&amp;About elearn</source>
        <translation>Ü&amp;ber elearn</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Abgleichstatus</translation>
    </message>
    <message>
        <source>Signed-in person</source>
        <translation>Angemeldete Person</translation>
    </message>
    <message>
        <source>Playback status</source>
        <translation>Wiedergabestatus</translation>
    </message>
    <message>
        <source>About elearn</source>
        <translation>Über elearn</translation>
    </message>
    <message>
        <source>offline: working from this computer&apos;s copy ({0})</source>
        <translation>offline: Sie arbeiten mit der Kopie auf diesem Computer ({0})</translation>
    </message>
    <message>
        <source>Signed in as {0} ({1})</source>
        <translation>Angemeldet als {0} ({1})</translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation>{0} auf {1}</translation>
    </message>
    <message>
        <source>Embedded database</source>
        <translation>Eingebettete Datenbank</translation>
    </message>
    <message>
        <source>● Online · {0}</source>
        <translation>● Online · {0}</translation>
    </message>
    <message>
        <source>Sync: not needed (embedded)</source>
        <translation>Abgleich: nicht nötig (eingebettet)</translation>
    </message>
    <message>
        <source>Sync: idle</source>
        <translation>Abgleich: bereit</translation>
    </message>
    <message>
        <source>○ Offline · {0}</source>
        <translation>○ Offline · {0}</translation>
    </message>
</context>
<context>
    <name>ServerProfilesPage</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;TLS mode:</source>
        <translation>&amp;TLS-Modus:</translation>
    </message>
    <message>
        <source>CA &amp;certificate:</source>
        <translation>CA-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>Saved servers</source>
        <translation>Gespeicherte Server</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>TLS mode</source>
        <translation>TLS-Modus</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>the system&apos;s certificates</source>
        <translation>die Zertifikate des Systems</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Dur&amp;chsuchen…</translation>
    </message>
    <message>
        <source>Sa&amp;ve profile</source>
        <translation>Profil spe&amp;ichern</translation>
    </message>
    <message>
        <source>Test conn&amp;ection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Choose a CA certificate file</source>
        <translation>CA-Zertifikatsdatei wählen</translation>
    </message>
    <message>
        <source>Ne&amp;w</source>
        <translation>Ne&amp;u</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Server profile status</source>
        <translation>Status des Serverprofils</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>there is no certificate file at this path</source>
        <translation>unter diesem Pfad gibt es keine Zertifikatsdatei</translation>
    </message>
    <message>
        <source>another saved server already has this name</source>
        <translation>ein anderer gespeicherter Server hat bereits diesen Namen</translation>
    </message>
    <message>
        <source>The profile could not be saved: {0}</source>
        <translation>Das Profil konnte nicht gespeichert werden: {0}</translation>
    </message>
    <message>
        <source>Saved “{0}”.</source>
        <translation>„{0}“ gespeichert.</translation>
    </message>
    <message>
        <source>Remove server</source>
        <translation>Server entfernen</translation>
    </message>
    <message>
        <source>Remove the server “{0}” from this computer&apos;s list?</source>
        <translation>Den Server „{0}“ aus der Liste dieses Computers entfernen?</translation>
    </message>
    <message>
        <source>The profile could not be removed: {0}</source>
        <translation>Das Profil konnte nicht entfernt werden: {0}</translation>
    </message>
    <message>
        <source>Removed “{0}”.</source>
        <translation>„{0}“ entfernt.</translation>
    </message>
    <message>
        <source>Testing the connection to {0}…</source>
        <translation>Die Verbindung zu {0} wird getestet…</translation>
    </message>
    <message>
        <source>The test failed unexpectedly ({0}).</source>
        <translation>Der Test ist unerwartet fehlgeschlagen ({0}).</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>give the full path of the folder (starting at the top of the disk)</source>
        <translation>geben Sie den vollständigen Pfad des Ordners an (ab der obersten Ebene des Laufwerks)</translation>
    </message>
    <message>
        <source>this is a file, not a folder</source>
        <translation>das ist eine Datei, kein Ordner</translation>
    </message>
    <message>
        <source>this folder cannot be written to</source>
        <translation>in diesen Ordner kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>this folder does not exist and cannot be created here</source>
        <translation>dieser Ordner existiert nicht und kann hier nicht angelegt werden</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Seiten der Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Servers</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Folders</source>
        <translation>&amp;Ordner</translation>
    </message>
    <message>
        <source>&amp;Look</source>
        <translation>Sp&amp;rache und Farben</translation>
    </message>
    <message>
        <source>Pla&amp;yback</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <source>&amp;Media library:</source>
        <translation>&amp;Medienbibliothek:</translation>
    </message>
    <message>
        <source>&amp;Downloads:</source>
        <translation>&amp;Downloads:</translation>
    </message>
    <message>
        <source>Media library folder</source>
        <translation>Ordner der Medienbibliothek</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <source>next to each person&apos;s offline copy</source>
        <translation>neben der Offline-Kopie jeder Person</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the folder: {0}</source>
        <translation>Ordner wählen: {0}</translation>
    </message>
    <message>
        <source>Offline cache limit in gibibytes</source>
        <translation>Grenze für Offline-Kopien in Gibibyte</translation>
    </message>
    <message>
        <source>Offline &amp;cache limit:</source>
        <translation>&amp;Grenze für Offline-Kopien:</translation>
    </message>
    <message>
        <source>Offline copies of courses are kept within this limit. An empty folder field means the default place; a new folder is used from the next sign-in.</source>
        <translation>Offline-Kopien von Kursen bleiben innerhalb dieser Grenze. Ein leeres Ordnerfeld bedeutet den Standardort; ein neuer Ordner gilt ab der nächsten Anmeldung.</translation>
    </message>
    <message>
        <source>Default sp&amp;eed:</source>
        <translation>Standard-&amp;Geschwindigkeit:</translation>
    </message>
    <message>
        <source>Default playback speed</source>
        <translation>Standard-Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <source>Default &amp;volume:</source>
        <translation>Standard-&amp;Lautstärke:</translation>
    </message>
    <message>
        <source>Default volume</source>
        <translation>Standardlautstärke</translation>
    </message>
    <message>
        <source>Play the &amp;next lesson when a video ends</source>
        <translation>&amp;Nächste Lektion abspielen, wenn ein Video endet</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Spra&amp;che:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Settings status</source>
        <translation>Status der Einstellungen</translation>
    </message>
    <message>
        <source>⚠ Some settings need fixing; nothing was changed.</source>
        <translation>⚠ Einige Einstellungen müssen korrigiert werden; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>✔ Settings saved.</source>
        <translation>✔ Einstellungen gespeichert.</translation>
    </message>
</context>
</TS>

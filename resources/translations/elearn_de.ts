<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountView</name>
    <message>
        <source>Avatar</source>
        <translation>Profilbild</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Account status</source>
        <translation>Kontostatus</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>Deaktivieren…</translation>
    </message>
    <message>
        <source>Mark verified…</source>
        <translation>Als bestätigt markieren…</translation>
    </message>
    <message>
        <source>Temporary password…</source>
        <translation>Temporäres Passwort…</translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation>Daten exportieren…</translation>
    </message>
    <message>
        <source>View as learner</source>
        <translation>Als Lernende(r) ansehen</translation>
    </message>
    <message>
        <source>See their My learning and My progress, read-only</source>
        <translation>„Mein Lernen“ und „Mein Fortschritt“ der Person ansehen, nur lesend</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Account details</source>
        <translation>Kontodetails</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>Lernen</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Devices &amp;&amp; sync</source>
        <translation>Geräte &amp;&amp; Synchronisation</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Änderungsprotokoll</translation>
    </message>
    <message>
        <source>Activate…</source>
        <translation>Aktivieren…</translation>
    </message>
    <message>
        <source>Mark not verified…</source>
        <translation>Als nicht bestätigt markieren…</translation>
    </message>
    <message>
        <source>This account needs a connection to the server.</source>
        <translation>Dieses Konto braucht eine Verbindung zum Server.</translation>
    </message>
    <message>
        <source>Could not load this account: {error}</source>
        <translation>Dieses Konto konnte nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>{plan} plan ({status})</source>
        <translation>Tarif „{plan}“ ({status})</translation>
    </message>
    <message>
        <source>No plan</source>
        <translation>Kein Tarif</translation>
    </message>
    <message>
        <source>● Active</source>
        <translation>● Aktiv</translation>
    </message>
    <message>
        <source>○ Deactivated</source>
        <translation>○ Deaktiviert</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Bestätigt</translation>
    </message>
    <message>
        <source>✗ Not verified</source>
        <translation>✗ Nicht bestätigt</translation>
    </message>
    <message>
        <source>As of {time} (Refresh reloads it)</source>
        <translation>Stand {time} (Aktualisieren lädt neu)</translation>
    </message>
    <message>
        <source>The avatar could not be loaded: {exc}</source>
        <translation>Das Profilbild konnte nicht geladen werden: {exc}</translation>
    </message>
    <message>
        <source>this person</source>
        <translation>diese Person</translation>
    </message>
    <message>
        <source>Activate account</source>
        <translation>Konto aktivieren</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Activating the account</source>
        <translation>Das Konto wird aktiviert</translation>
    </message>
    <message>
        <source>Activate {name}&apos;s account? They can sign in again.</source>
        <translation>Das Konto von {name} aktivieren? Die Person kann sich dann wieder anmelden.</translation>
    </message>
    <message>
        <source>Deactivate account</source>
        <translation>Konto deaktivieren</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Deactivating the account</source>
        <translation>Das Konto wird deaktiviert</translation>
    </message>
    <message>
        <source>Deactivate {name}&apos;s account? They cannot sign in until it is activated again; their data is kept.</source>
        <translation>Das Konto von {name} deaktivieren? Die Person kann sich erst wieder anmelden, wenn es aktiviert wird; ihre Daten bleiben erhalten.</translation>
    </message>
    <message>
        <source>Mark {name}&apos;s account as verified?</source>
        <translation>Das Konto von {name} als bestätigt markieren?</translation>
    </message>
    <message>
        <source>Mark verified</source>
        <translation>Als bestätigt markieren</translation>
    </message>
    <message>
        <source>Mark {name}&apos;s account as not verified?</source>
        <translation>Das Konto von {name} als nicht bestätigt markieren?</translation>
    </message>
    <message>
        <source>Mark not verified</source>
        <translation>Als nicht bestätigt markieren</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Bestätigung</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Wird gespeichert</translation>
    </message>
    <message>
        <source>Cancel subscription</source>
        <translation>Abonnement kündigen</translation>
    </message>
    <message>
        <source>Cancel {name}&apos;s {plan} subscription now? It stops giving access today.</source>
        <translation>Das Abonnement „{plan}“ von {name} jetzt kündigen? Es gewährt ab heute keinen Zugang mehr.</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>Wird gekündigt</translation>
    </message>
    <message>
        <source>Extend subscription</source>
        <translation>Abonnement verlängern</translation>
    </message>
    <message>
        <source>New end of the {plan} subscription:</source>
        <translation>Neues Ende des Abonnements „{plan}“:</translation>
    </message>
    <message>
        <source>Extend {name}&apos;s {plan} subscription to {end}?</source>
        <translation>Das Abonnement „{plan}“ von {name} bis {end} verlängern?</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Verlängern</translation>
    </message>
    <message>
        <source>Extending</source>
        <translation>Wird verlängert</translation>
    </message>
    <message>
        <source>Loading the plans on offer…</source>
        <translation>Die angebotenen Tarife werden geladen…</translation>
    </message>
    <message>
        <source>There is no other plan on offer.</source>
        <translation>Es wird kein anderer Tarif angeboten.</translation>
    </message>
    <message>
        <source>Change plan</source>
        <translation>Tarif wechseln</translation>
    </message>
    <message>
        <source>Move to the plan:</source>
        <translation>Wechseln zum Tarif:</translation>
    </message>
    <message>
        <source>Their {plan} subscription ends now.</source>
        <translation>Das Abonnement „{plan}“ endet jetzt.</translation>
    </message>
    <message>
        <source>Move {name} to the {plan} plan?</source>
        <translation>{name} in den Tarif „{plan}“ wechseln?</translation>
    </message>
    <message>
        <source>Changing the plan</source>
        <translation>Der Tarif wird gewechselt</translation>
    </message>
    <message>
        <source>Grant role</source>
        <translation>Rolle vergeben</translation>
    </message>
    <message>
        <source>Role to grant:</source>
        <translation>Zu vergebende Rolle:</translation>
    </message>
    <message>
        <source>Give {name} the {role} role? It allows: {meaning}.</source>
        <translation>{name} die Rolle „{role}“ geben? Sie erlaubt: {meaning}.</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Vergeben</translation>
    </message>
    <message>
        <source>Granting</source>
        <translation>Wird vergeben</translation>
    </message>
    <message>
        <source>Revoke role</source>
        <translation>Rolle entziehen</translation>
    </message>
    <message>
        <source>Take the {role} role away from {name}?</source>
        <translation>{name} die Rolle „{role}“ entziehen?</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Entziehen</translation>
    </message>
    <message>
        <source>Revoking</source>
        <translation>Wird entzogen</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Temporäres Passwort</translation>
    </message>
    <message>
        <source>Give {name} a new, random password? Their current password stops working.</source>
        <translation>{name} ein neues, zufälliges Passwort geben? Das bisherige Passwort funktioniert dann nicht mehr.</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort setzen</translation>
    </message>
    <message>
        <source>Setting the password…</source>
        <translation>Das Passwort wird gesetzt…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>Exported the account&apos;s data to {path}.</source>
        <translation>Die Daten des Kontos wurden nach {path} exportiert.</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Search by email, name or id…</source>
        <extracomment>The old page&apos;s search (text → people), as the main window still wires it.</extracomment>
        <translation>Nach E-Mail, Name oder ID suchen…</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>Konten durchsuchen</translation>
    </message>
    <message>
        <source>Every word must match the email, first or last name (Ctrl+F)</source>
        <translation>Jedes Wort muss zur E-Mail-Adresse, zum Vor- oder Nachnamen passen (Strg+F)</translation>
    </message>
    <message>
        <source>Active or not</source>
        <translation>Aktiv oder nicht</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Account status</source>
        <translation>Kontostatus</translation>
    </message>
    <message>
        <source>Verified or not</source>
        <translation>Bestätigt oder nicht</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Nicht bestätigt</translation>
    </message>
    <message>
        <source>Any role</source>
        <translation>Beliebige Rolle</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Any plan</source>
        <translation>Beliebiger Tarif</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Any subscription status</source>
        <translation>Beliebiger Abostatus</translation>
    </message>
    <message>
        <source>Subscription status</source>
        <translation>Abostatus</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Copy emails</source>
        <translation>E-Mail-Adressen kopieren</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Loading accounts…</source>
        <translation>Konten werden geladen…</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Suchstatus</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the selected account (Enter)</source>
        <translation>Das ausgewählte Konto öffnen (Eingabe)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>Could not search accounts: {error}</source>
        <translation>Konten konnten nicht durchsucht werden: {error}</translation>
    </message>
    <message>
        <source>Could not load accounts: {error}</source>
        <translation>Konten konnten nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Searching accounts needs a connection to the server.</source>
        <translation>Die Kontosuche braucht eine Verbindung zum Server.</translation>
    </message>
    <message>
        <source> (retired)</source>
        <translation> (eingestellt)</translation>
    </message>
    <message>
        <source>The {header} column cannot be sorted.</source>
        <translation>Die Spalte „{header}“ kann nicht sortiert werden.</translation>
    </message>
    <message numerus="yes">
        <source>{count} account(s)</source>
        <translation>
            <numerusform>{count} Konto</numerusform>
            <numerusform>{count} Konten</numerusform>
        </translation>
    </message>
    <message>
        <source> (first 500)</source>
        <translation> (die ersten 500)</translation>
    </message>
    <message>
        <source>{count:,} selected</source>
        <translation>{count:,} ausgewählt</translation>
    </message>
    <message>
        <source>Copying {count:,} emails…</source>
        <translation>{count:,} E-Mail-Adressen werden kopiert…</translation>
    </message>
    <message>
        <source> (at most {cap:,} at once)</source>
        <translation> (höchstens {cap:,} auf einmal)</translation>
    </message>
    <message>
        <source>Copied {count:,} emails{note}.</source>
        <translation>{count:,} E-Mail-Adressen kopiert{note}.</translation>
    </message>
    <message>
        <source>Could not copy: {error}</source>
        <translation>Kopieren nicht möglich: {error}</translation>
    </message>
</context>
<context>
    <name>AccountsTableModel</name>
    <message>
        <source>Loading…</source>
        <extracomment>The whole record (an AccountRow) of a row, or None while it loads. The row&apos;s account id (a uuid.UUID): always available, even before the row loads.</extracomment>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>(this account no longer exists)</source>
        <translation>(dieses Konto gibt es nicht mehr)</translation>
    </message>
    <message>
        <source>Email</source>
        <extracomment>English, marked for translation; ``title`` is what is shown. The search&apos;s sort key for this column (None: not sortable).</extracomment>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>{column} (not sortable)</source>
        <extracomment>How many rows have been fetched since the model was made (tests read it).</extracomment>
        <translation>{column} (nicht sortierbar)</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>This computer no longer has your password; enter it to sign in.</source>
        <translation>Ihr Passwort ist auf diesem Computer nicht mehr gespeichert; geben Sie es ein, um sich anzumelden.</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly ({0}). Details are in the log.</source>
        <translation>Die Anmeldung ist unerwartet fehlgeschlagen ({0}). Einzelheiten stehen im Protokoll.</translation>
    </message>
</context>
<context>
    <name>AssessmentEditor</name>
    <message>
        <source>Single choice</source>
        <extracomment>Question types as shown (the domain&apos;s TYPE_LABELS are English); translated when shown.</extracomment>
        <translation>Einfachauswahl</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Mehrfachauswahl</translation>
    </message>
    <message>
        <source>True/false</source>
        <translation>Wahr/falsch</translation>
    </message>
    <message>
        <source>Short answer</source>
        <translation>Kurzantwort</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source>Title: {title}</source>
        <translation>Titel: {title}</translation>
    </message>
    <message>
        <source>Passing score: {score} %   Time limit: {limit}</source>
        <translation>Bestehensgrenze: {score} %   Zeitlimit: {limit}</translation>
    </message>
    <message>
        <source>Description: {description}</source>
        <translation>Beschreibung: {description}</translation>
    </message>
    <message>
        <source>Not saved: someone else changed this assessment.</source>
        <extracomment>The version shown changed (loaded, saved or taken from a conflict): AssessmentDetail. A save went through: the saved AssessmentDetail.</extracomment>
        <translation>Nicht gespeichert: Jemand anderes hat diesen Test geändert.</translation>
    </message>
    <message>
        <source>The assessment was deleted; your changes were dropped.</source>
        <translation>Der Test wurde gelöscht; Ihre Änderungen wurden verworfen.</translation>
    </message>
    <message>
        <source>Open an assessment, or start a new one.</source>
        <translation>Öffnen Sie einen Test oder beginnen Sie einen neuen.</translation>
    </message>
    <message>
        <source>Add to learning path…</source>
        <translation>Zu Lernpfad hinzufügen…</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>You can read this assessment; only its author or an admin may change it.</source>
        <translation>Sie können diesen Test lesen; nur seine Autorin oder sein Autor oder ein Admin darf ihn ändern.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>e.g. Python fundamentals quiz</source>
        <translation>z. B. Quiz zu Python-Grundlagen</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Passing score</source>
        <translation>Bestehensgrenze</translation>
    </message>
    <message>
        <source>Time limit in minutes</source>
        <translation>Zeitlimit in Minuten</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <source>&amp;Passing score</source>
        <translation>&amp;Bestehensgrenze</translation>
    </message>
    <message>
        <source>Time &amp;limit</source>
        <translation>&amp;Zeitlimit</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Add question</source>
        <translation>Frage hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Drag to reorder, or Alt+↑ / Alt+↓; Delete removes.</source>
        <translation>Zum Umordnen ziehen oder Alt+↑ / Alt+↓; Entf entfernt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Questions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Fragen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Question type</source>
        <translation>Fragetyp</translation>
    </message>
    <message>
        <source>Question text</source>
        <translation>Fragetext</translation>
    </message>
    <message>
        <source>Ask the question…</source>
        <translation>Stellen Sie die Frage…</translation>
    </message>
    <message>
        <source>Answer options</source>
        <translation>Antwortoptionen</translation>
    </message>
    <message>
        <source>Add option</source>
        <translation>Option hinzufügen</translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation>Option entfernen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Question&lt;/b&gt;</source>
        <translation>&lt;b&gt;Frage&lt;/b&gt;</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>T&amp;yp</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>&amp;Frage</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>A new assessment: give it a title and questions, then save.</source>
        <translation>Ein neuer Test: Geben Sie ihm einen Titel und Fragen und speichern Sie dann.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Last saved {time}.</source>
        <translation>Zuletzt gespeichert {time}.</translation>
    </message>
    <message>
        <source>The new assessment</source>
        <translation>Der neue Test</translation>
    </message>
    <message>
        <source>Untitled assessment</source>
        <translation>Test ohne Titel</translation>
    </message>
    <message>
        <source>New assessment</source>
        <translation>Neuer Test</translation>
    </message>
    <message>
        <source>&lt;b&gt;Question {number}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Frage {number}&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n problem(s) to fix before saving&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n Problem vor dem Speichern beheben&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n Probleme vor dem Speichern beheben&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit title</source>
        <translation>Titel bearbeiten</translation>
    </message>
    <message>
        <source>Change passing score</source>
        <translation>Bestehensgrenze ändern</translation>
    </message>
    <message>
        <source>Change time limit</source>
        <translation>Zeitlimit ändern</translation>
    </message>
    <message>
        <source>Edit description</source>
        <translation>Beschreibung bearbeiten</translation>
    </message>
    <message>
        <source>Edit question text</source>
        <translation>Fragetext bearbeiten</translation>
    </message>
    <message>
        <source>Make it {type}</source>
        <translation>In {type} umwandeln</translation>
    </message>
    <message>
        <source>Edit option</source>
        <translation>Option bearbeiten</translation>
    </message>
    <message>
        <source>Mark correct</source>
        <translation>Als richtig markieren</translation>
    </message>
    <message>
        <source>Duplicate question</source>
        <translation>Frage duplizieren</translation>
    </message>
    <message>
        <source>Remove question</source>
        <translation>Frage entfernen</translation>
    </message>
    <message>
        <source>Move question</source>
        <translation>Frage verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: fix the %n problem(s) listed below first.</source>
        <translation>
            <numerusform>Nicht gespeichert: Beheben Sie zuerst das unten aufgeführte Problem.</numerusform>
            <numerusform>Nicht gespeichert: Beheben Sie zuerst die %n unten aufgeführten Probleme.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Nicht gespeichert: {error}</translation>
    </message>
    <message>
        <source>Used in: {paths}</source>
        <translation>Verwendet in: {paths}</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;No question&lt;/b&gt;</source>
        <translation>&lt;b&gt;Keine Frage&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Add answer</source>
        <translation>Antwort hinzufügen</translation>
    </message>
    <message>
        <source>Remove answer</source>
        <translation>Antwort entfernen</translation>
    </message>
    <message>
        <source>Tick the one correct option.</source>
        <translation>Haken Sie die eine richtige Option an.</translation>
    </message>
    <message>
        <source>Tick every correct option (at least one).</source>
        <translation>Haken Sie jede richtige Option an (mindestens eine).</translation>
    </message>
    <message>
        <source>Tick whether the statement is True or False.</source>
        <translation>Haken Sie an, ob die Aussage wahr oder falsch ist.</translation>
    </message>
    <message>
        <source>Every accepted answer counts as correct (case and spacing are ignored).</source>
        <translation>Jede akzeptierte Antwort zählt als richtig (Groß-/Kleinschreibung und Leerzeichen werden ignoriert).</translation>
    </message>
    <message>
        <source>No problems: ready to save.</source>
        <translation>Keine Probleme: bereit zum Speichern.</translation>
    </message>
    <message>
        <source>● Unsaved changes</source>
        <translation>● Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Not in any learning path yet.</source>
        <translation>Noch in keinem Lernpfad.</translation>
    </message>
    <message>
        <source>None of your learning paths is left to add this assessment to.</source>
        <translation>Es gibt keinen Ihrer Lernpfade mehr, zu dem dieser Test hinzugefügt werden kann.</translation>
    </message>
    <message>
        <source>Add to learning path</source>
        <translation>Zu Lernpfad hinzufügen</translation>
    </message>
    <message>
        <source>Learning paths</source>
        <translation>Lernpfade</translation>
    </message>
    <message>
        <source>Add as last step</source>
        <translation>Als letzten Schritt hinzufügen</translation>
    </message>
    <message>
        <source>Add this assessment as the last step of:</source>
        <translation>Diesen Test als letzten Schritt hinzufügen zu:</translation>
    </message>
    <message>
        <source>Added to the learning path.</source>
        <translation>Zum Lernpfad hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <source>Choose one answer</source>
        <translation>Wählen Sie eine Antwort</translation>
    </message>
    <message>
        <source>Choose all answers that apply</source>
        <translation>Wählen Sie alle zutreffenden Antworten</translation>
    </message>
    <message>
        <source>True or false?</source>
        <translation>Richtig oder falsch?</translation>
    </message>
    <message>
        <source>Type your answer</source>
        <translation>Geben Sie Ihre Antwort ein</translation>
    </message>
    <message>
        <source>No time limit</source>
        <translation>Kein Zeitlimit</translation>
    </message>
    <message>
        <source>{0} min {1} s</source>
        <translation>{0} min {1} s</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} / 1 ✓ right</source>
        <translation>{0} / 1 ✓ richtig</translation>
    </message>
    <message>
        <source>{0} / 1 ◐ partly right</source>
        <translation>{0} / 1 ◐ teilweise richtig</translation>
    </message>
    <message>
        <source>{0} / 1 ✗ wrong</source>
        <translation>{0} / 1 ✗ falsch</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>(nicht beantwortet)</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Not submitted</source>
        <translation>Nicht abgegeben</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>Nicht bestanden</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; the details are in the log.</source>
        <translation>Etwas Unerwartetes ist schiefgegangen; die Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>Your attempts</source>
        <extracomment>How long typing may pause before a short answer is saved.</extracomment>
        <translation>Ihre Versuche</translation>
    </message>
    <message>
        <source>&amp;Review attempt</source>
        <translation>&amp;Versuch ansehen</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Verbleibende Zeit</translation>
    </message>
    <message>
        <source>Questions:</source>
        <translation>Fragen:</translation>
    </message>
    <message>
        <source>{0} answered   {1} not answered yet   {2} the question you are on</source>
        <translation>{0} beantwortet   {1} noch nicht beantwortet   {2} die aktuelle Frage</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Vorherige</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Nächste ▶</translation>
    </message>
    <message>
        <source>S&amp;ubmit answers…</source>
        <translation>Antworten ab&amp;geben…</translation>
    </message>
    <message>
        <source>Review of your answers</source>
        <translation>Auswertung Ihrer Antworten</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fertig</translation>
    </message>
    <message>
        <source>&amp;Start attempt</source>
        <translation>Versuch &amp;starten</translation>
    </message>
    <message>
        <source>Try &amp;again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Back to the assessment</source>
        <translation>&amp;Zurück zum Test</translation>
    </message>
    <message>
        <source>Assessments are taken online: connect to the server first.</source>
        <translation>Tests werden online abgelegt: Verbinden Sie sich zuerst mit dem Server.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) · Time limit: {0} · Passing score: {1} %</source>
        <translation>
            <numerusform>%n Frage · Zeitlimit: {0} · Zum Bestehen: {1} %</numerusform>
            <numerusform>%n Fragen · Zeitlimit: {0} · Zum Bestehen: {1} %</numerusform>
        </translation>
    </message>
    <message>
        <source>You have not taken this assessment yet.</source>
        <translation>Sie haben diesen Test noch nicht abgelegt.</translation>
    </message>
    <message>
        <source>Attempts so far: {0} submitted</source>
        <translation>Bisherige Versuche: {0} abgegeben</translation>
    </message>
    <message>
        <source>, {0} not submitted</source>
        <translation>, {0} nicht abgegeben</translation>
    </message>
    <message>
        <source> · Best score: {0} %</source>
        <translation> · Beste Punktzahl: {0} %</translation>
    </message>
    <message>
        <source> · Passed</source>
        <translation> · Bestanden</translation>
    </message>
    <message>
        <source> · Not passed yet</source>
        <translation> · Noch nicht bestanden</translation>
    </message>
    <message>
        <source>&amp;Start a new attempt</source>
        <translation>Neuen Versuch &amp;starten</translation>
    </message>
    <message>
        <source>No questions yet.</source>
        <translation>Noch keine Fragen.</translation>
    </message>
    <message>
        <source>This assessment cannot be shown</source>
        <translation>Dieser Test kann nicht angezeigt werden</translation>
    </message>
    <message>
        <source>Loading the review…</source>
        <translation>Die Auswertung wird geladen…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Question {0}: answered</source>
        <translation>Frage {0}: beantwortet</translation>
    </message>
    <message>
        <source>Question {0}: not answered</source>
        <translation>Frage {0}: nicht beantwortet</translation>
    </message>
    <message>
        <source> (current)</source>
        <translation> (aktuell)</translation>
    </message>
    <message>
        <source>{0} of {1} answered</source>
        <translation>{0} von {1} beantwortet</translation>
    </message>
    <message>
        <source>Your answers could not be saved, so nothing was submitted: {0} Submit again to retry.</source>
        <translation>Ihre Antworten konnten nicht gespeichert werden, daher wurde nichts abgegeben: {0} Geben Sie erneut ab, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Nicht gespeichert: {0}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>All answers saved</source>
        <translation>Alle Antworten gespeichert</translation>
    </message>
    <message>
        <source>No time limit · {0} elapsed</source>
        <translation>Kein Zeitlimit · {0} vergangen</translation>
    </message>
    <message>
        <source>⏱ Time is up: 00:00</source>
        <translation>⏱ Die Zeit ist um: 00:00</translation>
    </message>
    <message>
        <source>⚠ Last minute — time left: {0}</source>
        <translation>⚠ Letzte Minute — verbleibende Zeit: {0}</translation>
    </message>
    <message>
        <source>⏱ Time left: {0}</source>
        <translation>⏱ Verbleibende Zeit: {0}</translation>
    </message>
    <message>
        <source>Time is up: your answers are being submitted.</source>
        <translation>Die Zeit ist um: Ihre Antworten werden abgegeben.</translation>
    </message>
    <message>
        <source>Submit answers</source>
        <translation>Antworten abgeben</translation>
    </message>
    <message>
        <source>Submit your answers now?</source>
        <translation>Ihre Antworten jetzt abgeben?</translation>
    </message>
    <message numerus="yes">
        <source>You have not answered %n question(s): {0}.
Unanswered questions score no points. You cannot change your answers after submitting.</source>
        <translation>
            <numerusform>Sie haben %n Frage nicht beantwortet: {0}.
Unbeantwortete Fragen bringen keine Punkte. Nach der Abgabe können Sie Ihre Antworten nicht mehr ändern.</numerusform>
            <numerusform>Sie haben %n Fragen nicht beantwortet: {0}.
Unbeantwortete Fragen bringen keine Punkte. Nach der Abgabe können Sie Ihre Antworten nicht mehr ändern.</numerusform>
        </translation>
    </message>
    <message>
        <source>You answered every question. You cannot change your answers after submitting.</source>
        <translation>Sie haben alle Fragen beantwortet. Nach der Abgabe können Sie Ihre Antworten nicht mehr ändern.</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Abgeben</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Weiterarbeiten</translation>
    </message>
    <message>
        <source>Submitting your answers…</source>
        <translation>Ihre Antworten werden abgegeben…</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Abgegeben</translation>
    </message>
    <message>
        <source>Submitted, graded on sync</source>
        <translation>Abgegeben, Bewertung beim Abgleich</translation>
    </message>
    <message>
        <source>Time taken {0}.</source>
        <translation>Benötigte Zeit {0}.</translation>
    </message>
    <message>
        <source>Time ran out, so your answers were submitted automatically.</source>
        <translation>Die Zeit ist abgelaufen, daher wurden Ihre Antworten automatisch abgegeben.</translation>
    </message>
    <message>
        <source>Your answers were not submitted: {0} You can submit again.</source>
        <translation>Ihre Antworten wurden nicht abgegeben: {0} Sie können erneut abgeben.</translation>
    </message>
    <message>
        <source>Your score: {0} %</source>
        <translation>Ihre Punktzahl: {0} %</translation>
    </message>
    <message>
        <source>✓ Passed. You needed {0} % and scored {1} %.</source>
        <translation>✓ Bestanden. Nötig waren {0} %, erreicht haben Sie {1} %.</translation>
    </message>
    <message>
        <source>✗ Not passed. You needed {0} % and scored {1} %.</source>
        <translation>✗ Nicht bestanden. Nötig waren {0} %, erreicht haben Sie {1} %.</translation>
    </message>
    <message numerus="yes">
        <source>{0} of %n question(s) fully right</source>
        <translation>
            <numerusform>{0} von %n Frage ganz richtig</numerusform>
            <numerusform>{0} von %n Fragen ganz richtig</numerusform>
        </translation>
    </message>
    <message>
        <source>time taken {0}</source>
        <translation>benötigte Zeit {0}</translation>
    </message>
    <message>
        <source>submitted {0}</source>
        <translation>abgegeben {0}</translation>
    </message>
</context>
<context>
    <name>AttemptHistoryModel</name>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>Benötigte Zeit</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>AttemptsTab</name>
    <message>
        <source>Assessment</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>✓ Passed</source>
        <translation>✓ Bestanden</translation>
    </message>
    <message>
        <source>✗ Not passed</source>
        <translation>✗ Nicht bestanden</translation>
    </message>
    <message>
        <source> (pass mark {score} %)</source>
        <translation> (Bestehensgrenze {score} %)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Abgegeben</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>Benötigte Zeit</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>No assessment attempts.</source>
        <translation>Keine Testversuche.</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Changes from</source>
        <translation>Änderungen ab</translation>
    </message>
    <message>
        <source>Changes until</source>
        <translation>Änderungen bis</translation>
    </message>
    <message>
        <source>Every table</source>
        <translation>Alle Tabellen</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>until</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Change (old → new)</source>
        <translation>Änderung (alt → neu)</translation>
    </message>
    <message>
        <source>Change details</source>
        <translation>Änderungsdetails</translation>
    </message>
    <message>
        <source>Select a change to see every field before and after.</source>
        <translation>Wählen Sie eine Änderung, um jedes Feld vorher und nachher zu sehen.</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Beliebiges Datum</translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest {count} change(s).</source>
        <translation>
            <numerusform>Die neueste {count} Änderung wird angezeigt.</numerusform>
            <numerusform>Die neuesten {count} Änderungen werden angezeigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} change(s).</source>
        <translation>
            <numerusform>{count} Änderung.</numerusform>
            <numerusform>{count} Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The database records every change; nobody can edit this trail.</source>
        <translation>Die Datenbank zeichnet jede Änderung auf; niemand kann dieses Protokoll bearbeiten.</translation>
    </message>
    <message>
        <source>{action} on {table} (row {row})</source>
        <translation>{action} auf {table} (Zeile {row})</translation>
    </message>
    <message>
        <source>by {who} (database login {login}) at {moment}</source>
        <translation>von {who} (Datenbank-Login {login}) am {moment}</translation>
    </message>
</context>
<context>
    <name>AuthorArea</name>
    <message>
        <source>Filter assessments…</source>
        <translation>Tests filtern…</translation>
    </message>
    <message>
        <source>New assessment</source>
        <translation>Neuer Test</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>Tests</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Pass at</source>
        <translation>Bestanden ab</translation>
    </message>
    <message>
        <source>Filter learning paths…</source>
        <translation>Lernpfade filtern…</translation>
    </message>
    <message>
        <source>New learning path</source>
        <translation>Neuer Lernpfad</translation>
    </message>
    <message>
        <source>Learning paths</source>
        <translation>Lernpfade</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Author pages</source>
        <translation>Seiten zum Erstellen</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>Kurse</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>Auswertungen</translation>
    </message>
    <message>
        <source>Your courses: create, edit, publish</source>
        <translation>Ihre Kurse: erstellen, bearbeiten, veröffentlichen</translation>
    </message>
</context>
<context>
    <name>AuthorCoursesPage</name>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Draft</source>
        <extracomment>Course statuses and levels as shown (translated when shown).</extracomment>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Beginner</source>
        <translation>Einsteiger</translation>
    </message>
    <message>
        <source>Intermediate</source>
        <translation>Mittelstufe</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Fortgeschritten</translation>
    </message>
    <message>
        <source>today {time}</source>
        <translation>heute {time}</translation>
    </message>
    <message>
        <source>yesterday {time}</source>
        <translation>gestern {time}</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Letzte Änderung</translation>
    </message>
    <message>
        <source>Filter courses…</source>
        <translation>Kurse filtern…</translation>
    </message>
    <message>
        <source>Filter courses</source>
        <translation>Kurse filtern</translation>
    </message>
    <message>
        <source>Show courses with status</source>
        <translation>Kurse mit Status anzeigen</translation>
    </message>
    <message>
        <source>Every author&apos;s courses</source>
        <translation>Kurse aller Autorinnen und Autoren</translation>
    </message>
    <message>
        <source>Administrators may edit every course</source>
        <translation>Administratoren dürfen jeden Kurs bearbeiten</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>Kurse</translation>
    </message>
    <message>
        <source>New course…</source>
        <translation>Neuer Kurs…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>Archivieren…</translation>
    </message>
    <message>
        <source>Loading courses…</source>
        <translation>Kurse werden geladen…</translation>
    </message>
    <message>
        <source>My courses</source>
        <translation>Meine Kurse</translation>
    </message>
    <message>
        <source>Could not load courses: {exc}</source>
        <translation>Kurse konnten nicht geladen werden: {exc}</translation>
    </message>
    <message numerus="yes">
        <source>{count} course(s)</source>
        <translation>
            <numerusform>{count} Kurs</numerusform>
            <numerusform>{count} Kurse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} draft(s)</source>
        <translation>
            <numerusform>{count} Entwurf</numerusform>
            <numerusform>{count} Entwürfe</numerusform>
        </translation>
    </message>
    <message>
        <source>No courses yet: create your first with “New course…”.</source>
        <translation>Noch keine Kurse: Erstellen Sie Ihren ersten mit „Neuer Kurs…“.</translation>
    </message>
    <message>
        <source>Only a published course can be archived</source>
        <translation>Nur ein veröffentlichter Kurs kann archiviert werden</translation>
    </message>
</context>
<context>
    <name>AuthorWorkspace</name>
    <message>
        <source>New course</source>
        <translation>Neuer Kurs</translation>
    </message>
    <message>
        <source>Title of the new course:</source>
        <translation>Titel des neuen Kurses:</translation>
    </message>
    <message>
        <source>The course was not created</source>
        <translation>Der Kurs wurde nicht erstellt</translation>
    </message>
    <message>
        <source>Duplicating…</source>
        <translation>Wird dupliziert…</translation>
    </message>
    <message>
        <source>The course was not duplicated</source>
        <translation>Der Kurs wurde nicht dupliziert</translation>
    </message>
    <message>
        <source>The course was not archived</source>
        <translation>Der Kurs wurde nicht archiviert</translation>
    </message>
</context>
<context>
    <name>AuthoringCommand</name>
    <message>
        <source>Rename course {title}</source>
        <extracomment>Runs a command&apos;s work; the editor&apos;s runs it on a worker thread in order. Called with (command, result) after each step (on the GUI thread in the editor). The modules whose lessons the editor has loaded (None: all of them). Every result carries these modules&apos; lessons; the others come as counts (lazy loading, issue #8). It only grows: a module, once loaded, stays loaded until the course is opened again. The node the editor selects after this command ran (None: keep the selection). True while the last step was a redo (the editor uses it on failures).</extracomment>
        <translation>Kurs {title} umbenennen</translation>
    </message>
    <message>
        <source>Rename module {title}</source>
        <translation>Modul {title} umbenennen</translation>
    </message>
    <message>
        <source>Rename lesson {title}</source>
        <translation>Lektion {title} umbenennen</translation>
    </message>
    <message>
        <source>Rename {title}</source>
        <translation>{title} umbenennen</translation>
    </message>
    <message>
        <source>Edit course {title}</source>
        <translation>Kurs {title} bearbeiten</translation>
    </message>
    <message>
        <source>Edit module {title}</source>
        <translation>Modul {title} bearbeiten</translation>
    </message>
    <message>
        <source>Edit lesson {title}</source>
        <translation>Lektion {title} bearbeiten</translation>
    </message>
    <message>
        <source>Edit {title}</source>
        <translation>{title} bearbeiten</translation>
    </message>
    <message>
        <source>Add module {title}</source>
        <translation>Modul {title} hinzufügen</translation>
    </message>
    <message>
        <source>Delete module {title}</source>
        <translation>Modul {title} löschen</translation>
    </message>
    <message>
        <source>Duplicate module {title}</source>
        <translation>Modul {title} duplizieren</translation>
    </message>
    <message>
        <source>Move module {title}</source>
        <translation>Modul {title} verschieben</translation>
    </message>
    <message>
        <source>Add lesson {title}</source>
        <translation>Lektion {title} hinzufügen</translation>
    </message>
    <message>
        <source>Delete lesson {title}</source>
        <translation>Lektion {title} löschen</translation>
    </message>
    <message>
        <source>Duplicate lesson {title}</source>
        <translation>Lektion {title} duplizieren</translation>
    </message>
    <message>
        <source>Move lesson {title}</source>
        <translation>Lektion {title} verschieben</translation>
    </message>
    <message>
        <source>Attach video to {title}</source>
        <translation>Video an {title} anhängen</translation>
    </message>
    <message>
        <source>Remove video from {title}</source>
        <translation>Video von {title} entfernen</translation>
    </message>
    <message>
        <source>Change video of {title}</source>
        <translation>Video von {title} ändern</translation>
    </message>
    <message>
        <source>Publish {title}</source>
        <translation>{title} veröffentlichen</translation>
    </message>
    <message>
        <source>Unpublish {title}</source>
        <translation>Veröffentlichung von {title} zurücknehmen</translation>
    </message>
    <message>
        <source>Archive {title}</source>
        <translation>{title} archivieren</translation>
    </message>
    <message>
        <source>Change {title}</source>
        <translation>{title} ändern</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Any level</source>
        <translation>Jedes Niveau</translation>
    </message>
    <message>
        <source>Beginner</source>
        <translation>Einsteiger</translation>
    </message>
    <message>
        <source>Intermediate</source>
        <translation>Fortgeschrittene</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Experten</translation>
    </message>
    <message>
        <source>Any length</source>
        <translation>Jede Länge</translation>
    </message>
    <message>
        <source>Up to 30 min</source>
        <translation>Bis 30 min</translation>
    </message>
    <message>
        <source>Up to 1 hour</source>
        <translation>Bis 1 Stunde</translation>
    </message>
    <message>
        <source>Up to 3 hours</source>
        <translation>Bis 3 Stunden</translation>
    </message>
    <message>
        <source>Up to 10 hours</source>
        <translation>Bis 10 Stunden</translation>
    </message>
    <message>
        <source>All courses</source>
        <translation>Alle Kurse</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Search courses and lessons…</source>
        <translation>Kurse und Lektionen durchsuchen…</translation>
    </message>
    <message>
        <source>Search courses</source>
        <translation>Kurse suchen</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Catalog status</source>
        <translation>Katalogstatus</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>Kurse</translation>
    </message>
    <message>
        <source>Learning paths</source>
        <translation>Lernpfade</translation>
    </message>
    <message>
        <source>Ordered courses and assessments that take you to a goal.</source>
        <translation>Kurse und Tests in einer Reihenfolge, die Sie zu einem Ziel führen.</translation>
    </message>
    <message>
        <source>Courses and learning paths</source>
        <translation>Kurse und Lernpfade</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>Wird eingeschrieben…</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Einschreiben</translation>
    </message>
    <message>
        <source>Open course</source>
        <translation>Kurs öffnen</translation>
    </message>
    <message>
        <source>Module / lesson</source>
        <translation>Modul / Lektion</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Course outline</source>
        <translation>Kursgliederung</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Gliederung</translation>
    </message>
    <message>
        <source>Open path</source>
        <translation>Lernpfad öffnen</translation>
    </message>
    <message>
        <source>No published learning paths yet.</source>
        <translation>Noch keine veröffentlichten Lernpfade.</translation>
    </message>
    <message>
        <source>Select a course to see what it covers.</source>
        <translation>Wählen Sie einen Kurs, um seinen Inhalt zu sehen.</translation>
    </message>
    <message>
        <source>Loading the catalog…</source>
        <translation>Der Katalog wird geladen…</translation>
    </message>
    <message>
        <source>The catalog needs a connection to the server.</source>
        <translation>Der Katalog braucht eine Verbindung zum Server.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>{0}+ courses match “{1}”</source>
        <translation>{0}+ Kurse passen zu „{1}“</translation>
    </message>
    <message numerus="yes">
        <source>%n course(s) match “{0}”</source>
        <translation>
            <numerusform>%n Kurs passt zu „{0}“</numerusform>
            <numerusform>%n Kurse passen zu „{0}“</numerusform>
        </translation>
    </message>
    <message>
        <source>No course matches “{0}”. Try fewer or other words.</source>
        <translation>Kein Kurs passt zu „{0}“. Versuchen Sie weniger oder andere Wörter.</translation>
    </message>
    <message>
        <source>{0}+ published courses</source>
        <translation>{0}+ veröffentlichte Kurse</translation>
    </message>
    <message numerus="yes">
        <source>%n published course(s)</source>
        <translation>
            <numerusform>%n veröffentlichter Kurs</numerusform>
            <numerusform>%n veröffentlichte Kurse</numerusform>
        </translation>
    </message>
    <message>
        <source>No course fits these filters.</source>
        <translation>Kein Kurs passt zu diesen Filtern.</translation>
    </message>
    <message>
        <source>No published courses yet.</source>
        <translation>Noch keine veröffentlichten Kurse.</translation>
    </message>
    <message>
        <source>Could not load the catalog: {0}</source>
        <translation>Der Katalog konnte nicht geladen werden: {0}</translation>
    </message>
    <message>
        <source>Not in your plan: {0}</source>
        <translation>Nicht in Ihrem Tarif: {0}</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>You are enrolled. Open the course to start learning.</source>
        <translation>Sie sind eingeschrieben. Öffnen Sie den Kurs, um mit dem Lernen zu beginnen.</translation>
    </message>
    <message>
        <source>Could not enrol: {0}</source>
        <translation>Einschreiben nicht möglich: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Learning path · %n step(s)</source>
        <translation>
            <numerusform>Lernpfad · %n Schritt</numerusform>
            <numerusform>Lernpfad · %n Schritte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Kurzname</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>Vorschaubild</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>(generated from the title)</source>
        <translation>(aus dem Titel erzeugt)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Someone else changed this</source>
        <translation>Jemand anderes hat dies geändert</translation>
    </message>
    <message>
        <source>Both versions</source>
        <translation>Beide Fassungen</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Ihre Fassung</translation>
    </message>
    <message>
        <source>Their version (saved)</source>
        <translation>Fassung der anderen Person (gespeichert)</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Meine behalten</translation>
    </message>
    <message>
        <source>Save your version over the newer one</source>
        <translation>Ihre Fassung über die neuere speichern</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Gespeicherte übernehmen</translation>
    </message>
    <message>
        <source>Discard your edit and show the saved version</source>
        <translation>Ihre Änderung verwerfen und die gespeicherte Fassung zeigen</translation>
    </message>
</context>
<context>
    <name>CourseEditor</name>
    <message>
        <source>Course outline</source>
        <translation>Kursgliederung</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Eigenschaften</translation>
    </message>
    <message>
        <source>Loading the course…</source>
        <translation>Der Kurs wird geladen…</translation>
    </message>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n Lektion</numerusform>
            <numerusform>%n Lektionen</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete module {title}?</source>
        <translation>Modul {title} löschen?</translation>
    </message>
    <message>
        <source>Delete module {title} and its {lessons}?</source>
        <translation>Modul {title} mit seinen {lessons} löschen?</translation>
    </message>
    <message>
        <source>Delete lesson {title}?</source>
        <translation>Lektion {title} löschen?</translation>
    </message>
    <message>
        <source>module {title} ({lessons})</source>
        <translation>Modul {title} ({lessons})</translation>
    </message>
    <message>
        <source>lesson {title}</source>
        <translation>Lektion {title}</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n item(s): {items}?</source>
        <translation>
            <numerusform>%n Element löschen: {items}?</numerusform>
            <numerusform>%n Elemente löschen: {items}?</numerusform>
        </translation>
    </message>
    <message>
        <source>← My courses</source>
        <translation>← Meine Kurse</translation>
    </message>
    <message>
        <source>Add &amp;module</source>
        <translation>&amp;Modul hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;lesson</source>
        <translation>&amp;Lektion hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>&amp;Veröffentlichen…</translation>
    </message>
    <message>
        <source>Preview as &amp;learner</source>
        <translation>Vorschau als &amp;Lernende(r)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Course</source>
        <translation>&amp;Kurs</translation>
    </message>
    <message>
        <source>Course editor</source>
        <translation>Kurseditor</translation>
    </message>
    <message>
        <source>The module&apos;s lessons could not be loaded: {error}</source>
        <extracomment>Courses with at most this many modules load whole at once (worker thread). Courses with more lessons open with their modules collapsed (a person expands what they work on); expanding 100k rows took seconds (issue #8).</extracomment>
        <translation>Die Lektionen des Moduls konnten nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>The course could not be opened</source>
        <translation>Der Kurs konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>{status}: {learners}</source>
        <translation>{status}: {learners}</translation>
    </message>
    <message numerus="yes">
        <source>%n learner(s) enrolled.</source>
        <translation>
            <numerusform>%n Lernende(r) ist eingeschrieben.</numerusform>
            <numerusform>%n Lernende sind eingeschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>The course cannot be published yet</source>
        <translation>Der Kurs kann noch nicht veröffentlicht werden</translation>
    </message>
    <message>
        <source>The change was not saved</source>
        <translation>Die Änderung wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Etwas ist schiefgelaufen: {error}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>● Unsaved changes</source>
        <translation>● Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Alle Änderungen gespeichert</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The changes you typed cannot be saved:
{problems}

Discard them?</source>
        <translation>Ihre eingegebenen Änderungen können nicht gespeichert werden:
{problems}

Verwerfen?</translation>
    </message>
    <message>
        <source>New module</source>
        <translation>Neues Modul</translation>
    </message>
    <message>
        <source>New lesson</source>
        <translation>Neue Lektion</translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n item(s)</source>
        <translation>
            <numerusform>%n Element duplizieren</numerusform>
            <numerusform>%n Elemente duplizieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>You can undo this (Ctrl+Z).</source>
        <translation>Sie können das rückgängig machen (Strg+Z).</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n item(s)</source>
        <translation>
            <numerusform>%n Element löschen</numerusform>
            <numerusform>%n Elemente löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n item(s)</source>
        <translation>
            <numerusform>%n Element verschieben</numerusform>
            <numerusform>%n Elemente verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>The video cannot be played</source>
        <translation>Das Video kann nicht abgespielt werden</translation>
    </message>
    <message>
        <source>The image could not be copied</source>
        <translation>Das Bild konnte nicht kopiert werden</translation>
    </message>
    <message>
        <source>You have typed changes that are not saved yet. Save them?</source>
        <translation>Sie haben Änderungen eingegeben, die noch nicht gespeichert sind. Speichern?</translation>
    </message>
</context>
<context>
    <name>CourseInsightsPage</name>
    <message>
        <source>Course insights</source>
        <extracomment>Set by tests to pretend QtCharts is missing. New numbers are shown: the CourseInsights.</extracomment>
        <translation>Kursauswertungen</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Course:</source>
        <translation>Kurs:</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>You have no courses yet: insights appear once you author one.</source>
        <translation>Sie haben noch keine Kurse: Auswertungen erscheinen, sobald Sie einen erstellen.</translation>
    </message>
    <message>
        <source>Could not load the insights: {exc}</source>
        <translation>Die Auswertungen konnten nicht geladen werden: {exc}</translation>
    </message>
    <message>
        <source>Charts are not available here (this installation has no QtCharts); the numbers are listed below.</source>
        <translation>Diagramme sind hier nicht verfügbar (diese Installation hat kein QtCharts); die Zahlen stehen unten.</translation>
    </message>
    <message>
        <source>Enrollments of &apos;{title}&apos; (new, total):</source>
        <translation>Einschreibungen in „{title}“ (neu, gesamt):</translation>
    </message>
    <message>
        <source>nobody has enrolled yet</source>
        <translation>noch niemand eingeschrieben</translation>
    </message>
    <message>
        <source>Completed, by module:</source>
        <translation>Abgeschlossen, nach Modul:</translation>
    </message>
    <message>
        <source>the course has no modules</source>
        <translation>der Kurs hat keine Module</translation>
    </message>
    <message>
        <source>Assessment scores (graded attempts):</source>
        <translation>Testergebnisse (bewertete Versuche):</translation>
    </message>
    <message>
        <source>no attempts yet</source>
        <translation>noch keine Versuche</translation>
    </message>
    <message numerus="yes">
        <source>%n learner(s) enrolled</source>
        <translation>
            <numerusform>%n Lernende(r) eingeschrieben</numerusform>
            <numerusform>%n Lernende eingeschrieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed the course</source>
        <translation>
            <numerusform>%n hat den Kurs abgeschlossen</numerusform>
            <numerusform>%n haben den Kurs abgeschlossen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n graded attempt(s) ({passed} passed) at {assessments}</source>
        <translation>
            <numerusform>%n bewerteter Versuch ({passed} bestanden) bei {assessments}</numerusform>
            <numerusform>%n bewertete Versuche ({passed} bestanden) bei {assessments}</numerusform>
        </translation>
    </message>
    <message>
        <source>no assessments in this course&apos;s learning paths</source>
        <translation>keine Tests in den Lernpfaden dieses Kurses</translation>
    </message>
    <message>
        <source>Enrollments over time</source>
        <translation>Einschreibungen im Zeitverlauf</translation>
    </message>
    <message>
        <source>Learners enrolled</source>
        <translation>Eingeschriebene Lernende</translation>
    </message>
    <message>
        <source>Enrollments over time — nobody has enrolled yet</source>
        <translation>Einschreibungen im Zeitverlauf – noch niemand eingeschrieben</translation>
    </message>
    <message>
        <source>Learners</source>
        <translation>Lernende</translation>
    </message>
    <message>
        <source>Completion by module</source>
        <translation>Abschluss nach Modul</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Eingeschrieben</translation>
    </message>
    <message>
        <source>Assessment scores</source>
        <translation>Testergebnisse</translation>
    </message>
    <message>
        <source>Assessment scores — no graded attempts yet</source>
        <translation>Testergebnisse – noch keine bewerteten Versuche</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punktzahl</translation>
    </message>
</context>
<context>
    <name>CourseList</name>
    <message>
        <source>All levels</source>
        <extracomment>(query, offset, limit) -&gt; hits; runs on a worker thread.</extracomment>
        <translation>Alle Niveaus</translation>
    </message>
    <message>
        <source>Beginner</source>
        <translation>Einsteiger</translation>
    </message>
    <message>
        <source>Intermediate</source>
        <translation>Fortgeschrittene</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Experten</translation>
    </message>
    <message>
        <source>by {0}</source>
        <translation>von {0}</translation>
    </message>
    <message>
        <source>Learning path</source>
        <translation>Lernpfad</translation>
    </message>
    <message>
        <source>In lessons: {0}</source>
        <translation>In Lektionen: {0}</translation>
    </message>
</context>
<context>
    <name>CourseTreeModel</name>
    <message>
        <source>Title</source>
        <extracomment>The node&apos;s kind: &apos;course&apos;, &apos;module&apos; or &apos;lesson&apos;. The node&apos;s id (a uuid.UUID). The node&apos;s draft (CourseDraft, ModuleDraft or LessonDraft).</extracomment>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>{kind}: {title}</source>
        <extracomment>A move&apos;s index meaning &quot;after the last&quot; (the services clamp it). False for a module whose lessons are not loaded yet (it has no child nodes then). ``flags()`` by (kind, column, read-only): the view asks thousands of times per expand, and combining enum flags in Python is slow.</extracomment>
        <translation>{kind}: {title}</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Video ({status})</source>
        <translation>Video ({status})</translation>
    </message>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n Lektion</numerusform>
            <numerusform>%n Lektionen</numerusform>
        </translation>
    </message>
    <message>
        <source>No video: a text lesson.</source>
        <translation>Kein Video: eine Textlektion.</translation>
    </message>
    <message>
        <source>Video: {title} ({provider}, {status})</source>
        <translation>Video: {title} ({provider}, {status})</translation>
    </message>
    <message>
        <source>Module / lesson</source>
        <extracomment>The lesson id of a lesson row (None on module rows). True on the row of the lesson to study next.</extracomment>
        <translation>Modul / Lektion</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>{0}   — Next</source>
        <translation>{0}   — Als Nächstes</translation>
    </message>
    <message>
        <source>Video lesson</source>
        <translation>Videolektion</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>next to study</source>
        <translation>als Nächstes zu lernen</translation>
    </message>
    <message>
        <source>locked: not in your plan</source>
        <translation>gesperrt: nicht in Ihrem Tarif</translation>
    </message>
</context>
<context>
    <name>CourseViewPage</name>
    <message>
        <source>Loading the course…</source>
        <translation>Der Kurs wird geladen…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Einschreiben</translation>
    </message>
    <message>
        <source>Modules and lessons</source>
        <translation>Module und Lektionen</translation>
    </message>
    <message>
        <source>This course needs a connection to the server.</source>
        <translation>Dieser Kurs braucht eine Verbindung zum Server.</translation>
    </message>
    <message numerus="yes">
        <source>{0} % complete · {1} of %n lesson(s) done</source>
        <translation>
            <numerusform>{0} % abgeschlossen · {1} von %n Lektion erledigt</numerusform>
            <numerusform>{0} % abgeschlossen · {1} von %n Lektionen erledigt</numerusform>
        </translation>
    </message>
    <message>
        <source> · not enrolled yet</source>
        <translation> · noch nicht eingeschrieben</translation>
    </message>
    <message>
        <source>Continue: {0}</source>
        <translation>Weiter: {0}</translation>
    </message>
    <message>
        <source>Start: {0}</source>
        <translation>Beginnen: {0}</translation>
    </message>
    <message>
        <source>All lessons done</source>
        <translation>Alle Lektionen erledigt</translation>
    </message>
    <message>
        <source>Could not load the course: {0}</source>
        <translation>Der Kurs konnte nicht geladen werden: {0}</translation>
    </message>
</context>
<context>
    <name>DeadLettersDialog</name>
    <message>
        <source>Progress</source>
        <extracomment>Called with each good report on the GUI thread (e.g. queue changed videos). What each kind of outbox op is, for the learner (translated where shown).</extracomment>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Video position</source>
        <translation>Videoposition</translation>
    </message>
    <message>
        <source>Study time</source>
        <translation>Lernzeit</translation>
    </message>
    <message>
        <source>Assessment attempt</source>
        <translation>Testversuch</translation>
    </message>
    <message>
        <source>Changes the server could not accept</source>
        <translation>Änderungen, die der Server nicht annehmen konnte</translation>
    </message>
    <message>
        <source>The server refused these changes made on this computer. They are kept here so you know; they will not be sent again. Dismiss them once you have read them.</source>
        <translation>Der Server hat diese auf diesem Computer gemachten Änderungen abgelehnt. Sie bleiben hier, damit Sie davon wissen; sie werden nicht noch einmal gesendet. Verwerfen Sie sie, sobald Sie sie gelesen haben.</translation>
    </message>
    <message>
        <source>Nothing was rejected: every change reached the server.</source>
        <translation>Nichts wurde abgelehnt: Jede Änderung hat den Server erreicht.</translation>
    </message>
    <message>
        <source>&amp;Dismiss selected</source>
        <translation>Ausgewählte &amp;verwerfen</translation>
    </message>
    <message>
        <source>Dismiss &amp;all</source>
        <translation>&amp;Alle verwerfen</translation>
    </message>
    <message>
        <source>The rejected changes could not be read: {0}</source>
        <translation>Die abgelehnten Änderungen konnten nicht gelesen werden: {0}</translation>
    </message>
</context>
<context>
    <name>DownloadTexts</name>
    <message numerus="yes">
        <source>↓ %n file(s)</source>
        <translation>
            <numerusform>↓ %n Datei</numerusform>
            <numerusform>↓ %n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>↓ {0} paused</source>
        <translation>↓ {0} pausiert</translation>
    </message>
    <message>
        <source>No downloads</source>
        <translation>Keine Downloads</translation>
    </message>
    <message>
        <source> · {0} failed</source>
        <translation> · {0} fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>DownloadsIndicator</name>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Downloads — click to open</source>
        <translation>Downloads — zum Öffnen klicken</translation>
    </message>
</context>
<context>
    <name>DownloadsPage</name>
    <message>
        <source>Downloads</source>
        <extracomment>A course&apos;s offline copy was removed (its videos deleted): drop it from the cache. A queue operation failed; the message is in words. &quot;Sync now&quot; and &quot;Rejected changes…&quot; (shown once the window reports a sync status).</extracomment>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>No downloads yet. Make a course available offline to download its videos.</source>
        <translation>Noch keine Downloads. Machen Sie einen Kurs offline verfügbar, um seine Videos herunterzuladen.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Remove offline copy</source>
        <translation>Offline-Kopie entfernen</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>Alle pausieren</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>Alle fortsetzen</translation>
    </message>
    <message>
        <source>Pause the selected downloads; they continue later.</source>
        <translation>Die ausgewählten Downloads pausieren; sie laufen später weiter.</translation>
    </message>
    <message>
        <source>Continue or retry the selected downloads.</source>
        <translation>Die ausgewählten Downloads fortsetzen oder erneut versuchen.</translation>
    </message>
    <message>
        <source>Stop the selected downloads and delete what they fetched.</source>
        <translation>Die ausgewählten Downloads abbrechen und das bereits Geladene löschen.</translation>
    </message>
    <message>
        <source>Delete the downloaded videos of the selected courses from this computer.</source>
        <translation>Die heruntergeladenen Videos der ausgewählten Kurse von diesem Computer löschen.</translation>
    </message>
    <message>
        <source>Total download progress</source>
        <translation>Gesamtfortschritt der Downloads</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Send your offline changes and fetch news (Ctrl+Shift+S).</source>
        <translation>Ihre Offline-Änderungen senden und Neues abholen (Strg+Umschalt+S).</translation>
    </message>
    <message>
        <source>Rejected changes…</source>
        <translation>Abgelehnte Änderungen…</translation>
    </message>
    <message>
        <source>Space used: {0}</source>
        <translation>Belegter Speicher: {0}</translation>
    </message>
    <message>
        <source>Sync: {0}</source>
        <translation>Abgleich: {0}</translation>
    </message>
    <message>
        <source>Rejected changes ({0})…</source>
        <translation>Abgelehnte Änderungen ({0})…</translation>
    </message>
</context>
<context>
    <name>DownloadsTableModel</name>
    <message>
        <source>File</source>
        <extracomment>The row&apos;s :class:`DownloadItem`. An int 0–100 for the progress bar, or -1 while the size is unknown.</extracomment>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>DraftEditorBase</name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Saving…</source>
        <extracomment>The service&apos;s detail type (``theirs`` in an :class:`EditConflictError`).</extracomment>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Showing the saved version; your changes were dropped.</source>
        <translation>Die gespeicherte Fassung wird angezeigt; Ihre Änderungen wurden verworfen.</translation>
    </message>
    <message>
        <source>Not saved: someone else changed this item.</source>
        <extracomment>What is edited, in words (&quot;assessment&quot;); in messages and the background op&apos;s label. How a conflict with a deleted version ends: &quot;The … was deleted; …&quot;. Messages naming what is edited, marked for translation in each editor&apos;s context (``self.tr`` finds them there: it looks up the class&apos;s own context first).</extracomment>
        <translation>Nicht gespeichert: Jemand anderes hat dieses Element geändert.</translation>
    </message>
    <message>
        <source>The item was deleted; your changes were dropped.</source>
        <translation>Das Element wurde gelöscht; Ihre Änderungen wurden verworfen.</translation>
    </message>
    <message>
        <source>Save ({shortcut})</source>
        <translation>Speichern ({shortcut})</translation>
    </message>
    <message>
        <source>Saved at {time}.</source>
        <translation>Gespeichert um {time}.</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Nicht gespeichert: {error}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>{what} has unsaved changes.</source>
        <translation>{what} hat ungespeicherte Änderungen.</translation>
    </message>
    <message>
        <source>Save them before you go on?</source>
        <translation>Vor dem Weitermachen speichern?</translation>
    </message>
    <message>
        <source>This</source>
        <translation>Dieses Element</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
    <message>
        <source>Something went wrong, but your work so far is saved and the app keeps running.</source>
        <translation>Etwas ist schiefgelaufen, aber Ihre bisherige Arbeit ist gespeichert und die App läuft weiter.</translation>
    </message>
    <message>
        <source>What happened: {summary}</source>
        <translation>Was passiert ist: {summary}</translation>
    </message>
    <message>
        <source>Details are in the log: {path}</source>
        <translation>Details stehen im Protokoll: {path}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
</context>
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
    <name>InsightsPage</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Live subscriptions by plan</source>
        <translation>Laufende Abonnements nach Tarif</translation>
    </message>
    <message>
        <source>Sign-ups and deactivations per month</source>
        <translation>Registrierungen und Deaktivierungen pro Monat</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>Auswertungen</translation>
    </message>
    <message>
        <source>Insights need a connection to the server.</source>
        <translation>Auswertungen brauchen eine Verbindung zum Server.</translation>
    </message>
    <message>
        <source>Could not load the insights: {error}</source>
        <translation>Die Auswertungen konnten nicht geladen werden: {error}</translation>
    </message>
    <message numerus="yes">
        <source>{accounts} account(s), {active} active</source>
        <translation>
            <numerusform>{accounts} Konto, {active} aktiv</numerusform>
            <numerusform>{accounts} Konten, {active} aktiv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} live subscription(s)</source>
        <translation>
            <numerusform>{count} laufendes Abonnement</numerusform>
            <numerusform>{count} laufende Abonnements</numerusform>
        </translation>
    </message>
    <message>
        <source>No plans yet.</source>
        <translation>Noch keine Tarife.</translation>
    </message>
    <message>
        <source>Over the last {months} months: {signups:,} sign-ups, {gone:,} deactivations. This month: {month_signups:,} sign-ups, {month_gone:,} deactivations.</source>
        <translation>In den letzten {months} Monaten: {signups:,} Registrierungen, {gone:,} Deaktivierungen. Diesen Monat: {month_signups:,} Registrierungen, {month_gone:,} Deaktivierungen.</translation>
    </message>
    <message>
        <source>Charts are not available (QtCharts could not be loaded); the figures above are complete.</source>
        <translation>Diagramme sind nicht verfügbar (QtCharts konnte nicht geladen werden); die Zahlen oben sind vollständig.</translation>
    </message>
    <message>
        <source>Live subscriptions</source>
        <translation>Laufende Abonnements</translation>
    </message>
    <message>
        <source>Sign-ups</source>
        <translation>Registrierungen</translation>
    </message>
    <message>
        <source>Deactivations</source>
        <translation>Deaktivierungen</translation>
    </message>
</context>
<context>
    <name>LearnTexts</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n Modul</numerusform>
            <numerusform>%n Module</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n Lektion</numerusform>
            <numerusform>%n Lektionen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LearnWidgets</name>
    <message>
        <source>the server stopped answering (File › Refresh tries again)</source>
        <translation>der Server antwortet nicht mehr (Datei › Aktualisieren versucht es erneut)</translation>
    </message>
    <message>
        <source>something unexpected went wrong; the details are in the log</source>
        <translation>etwas Unerwartetes ist schiefgegangen; die Einzelheiten stehen im Protokoll</translation>
    </message>
    <message>
        <source>Completed</source>
        <extracomment>An int 0–100 for the progress-bar delegate (None: draw nothing). &apos;not_started&apos; | &apos;in_progress&apos; | &apos;completed&apos;.</extracomment>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht begonnen</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} h {1} min</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>vor {0} min</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>vor {0} h</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>Progress: {0} %, {1}</source>
        <translation>Fortschritt: {0} %, {1}</translation>
    </message>
</context>
<context>
    <name>LearnWorkspace</name>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>My learning</source>
        <translation>Mein Lernen</translation>
    </message>
    <message>
        <source>My progress</source>
        <translation>Mein Fortschritt</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <extracomment>Whether ``title`` is a source string to translate when shown (&quot;Course&quot;), not a name. Set by the main window when the person has an offline cache (PostgreSQL).</extracomment>
        <translation>‹ Zurück</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Back to {0} (Alt+Left)</source>
        <translation>Zurück zu {0} (Alt+Links)</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Learning path</source>
        <translation>Lernpfad</translation>
    </message>
    <message>
        <source>Preview (nothing is recorded)</source>
        <translation>Vorschau (nichts wird aufgezeichnet)</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Test</translation>
    </message>
</context>
<context>
    <name>LearnerPreview</name>
    <message>
        <source>this person</source>
        <translation>diese Person</translation>
    </message>
    <message>
        <source>Read-only preview</source>
        <translation>Vorschau, nur lesen</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>My learning</source>
        <translation>Mein Lernen</translation>
    </message>
    <message>
        <source>My progress</source>
        <translation>Mein Fortschritt</translation>
    </message>
    <message>
        <source>Viewing {name}&apos;s learning as they see it — read-only. Nothing here is recorded as them.</source>
        <translation>Sie sehen das Lernen von {name} so, wie die Person es sieht – nur lesend. Nichts hier wird in ihrem Namen aufgezeichnet.</translation>
    </message>
    <message>
        <source>Your account may not view other people&apos;s learning.</source>
        <translation>Ihr Konto darf das Lernen anderer Personen nicht ansehen.</translation>
    </message>
    <message>
        <source>Viewing as a learner needs a connection to the server.</source>
        <translation>Die Ansicht als Lernende(r) braucht eine Verbindung zum Server.</translation>
    </message>
    <message>
        <source>Could not load their learning: {error}</source>
        <translation>Das Lernen der Person konnte nicht geladen werden: {error}</translation>
    </message>
</context>
<context>
    <name>LearningTab</name>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Not enrolled in anything yet.</source>
        <translation>Noch nirgends eingeschrieben.</translation>
    </message>
</context>
<context>
    <name>LessonPlayerPage</name>
    <message>
        <source>the file is damaged, or its format or codec is not supported here</source>
        <extracomment>A saved position this close to the end starts the video over instead. Longest wall-clock gap between two position updates that still counts as studying (a stall or a suspended laptop is not study time).</extracomment>
        <translation>die Datei ist beschädigt, oder ihr Format oder Codec wird hier nicht unterstützt</translation>
    </message>
    <message>
        <source>the file could not be read; it may be damaged or incomplete</source>
        <translation>die Datei konnte nicht gelesen werden; sie ist vielleicht beschädigt oder unvollständig</translation>
    </message>
    <message>
        <source>it could not be loaded over the network; check the connection</source>
        <translation>es konnte nicht über das Netzwerk geladen werden; prüfen Sie die Verbindung</translation>
    </message>
    <message>
        <source>this computer does not allow the app to open it</source>
        <translation>dieser Computer erlaubt der App nicht, es zu öffnen</translation>
    </message>
    <message>
        <source>Lesson player</source>
        <extracomment>False for a periodic save: lesson row and roll-ups wait for the next full save. Where a lesson&apos;s video plays from on this computer (the offline copy): runs on a pool thread after the lesson is read; set by the main window. Start playing as soon as a video lesson is loaded. Preview as learner (authors): plays everything, records nothing.</extracomment>
        <translation>Lektionsplayer</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← Zurück</translation>
    </message>
    <message>
        <source>Back to the course</source>
        <translation>Zurück zum Kurs</translation>
    </message>
    <message>
        <source>Leave the lesson (your place is saved)</source>
        <translation>Die Lektion verlassen (Ihre Stelle wird gespeichert)</translation>
    </message>
    <message>
        <source>Lesson progress</source>
        <translation>Fortschritt der Lektion</translation>
    </message>
    <message>
        <source>Loading the lesson…</source>
        <translation>Die Lektion wird geladen…</translation>
    </message>
    <message>
        <source>Player message</source>
        <translation>Meldung des Players</translation>
    </message>
    <message>
        <source>Watch again</source>
        <translation>Noch einmal ansehen</translation>
    </message>
    <message>
        <source>Watch the video again</source>
        <translation>Das Video noch einmal ansehen</translation>
    </message>
    <message>
        <source>Next lesson ▶</source>
        <translation>Nächste Lektion ▶</translation>
    </message>
    <message>
        <source>Next lesson</source>
        <translation>Nächste Lektion</translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translation>Position im Video</translation>
    </message>
    <message>
        <source>Seek (← and → jump 5 seconds)</source>
        <translation>Springen (← und → springen 5 Sekunden)</translation>
    </message>
    <message>
        <source>Elapsed and total time</source>
        <translation>Vergangene und gesamte Zeit</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <source>Lesson text</source>
        <translation>Text der Lektion</translation>
    </message>
    <message>
        <source>Mark the lesson complete</source>
        <translation>Die Lektion als abgeschlossen markieren</translation>
    </message>
    <message>
        <source>Record that you have finished this lesson</source>
        <translation>Festhalten, dass Sie diese Lektion abgeschlossen haben</translation>
    </message>
    <message>
        <source>Lesson video</source>
        <translation>Video der Lektion</translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation>Als abgeschlossen markieren</translation>
    </message>
    <message>
        <source>Lessons cannot be opened offline until this course is downloaded.</source>
        <translation>Lektionen lassen sich offline erst öffnen, wenn dieser Kurs heruntergeladen ist.</translation>
    </message>
    <message>
        <source>This lesson could not be opened: {0}.</source>
        <translation>Diese Lektion konnte nicht geöffnet werden: {0}.</translation>
    </message>
    <message>
        <source>{0}

Your progress in this lesson is unchanged.</source>
        <translation>{0}

Ihr Fortschritt in dieser Lektion bleibt unverändert.</translation>
    </message>
    <message>
        <source>The video file of this lesson is missing:
{0}

If you downloaded this course, download it again; otherwise tell the course&apos;s author. Your progress in this lesson is unchanged.</source>
        <translation>Die Videodatei dieser Lektion fehlt:
{0}

Wenn Sie diesen Kurs heruntergeladen haben, laden Sie ihn erneut herunter; sonst geben Sie der Autorin oder dem Autor des Kurses Bescheid. Ihr Fortschritt in dieser Lektion bleibt unverändert.</translation>
    </message>
    <message>
        <source>Lesson {0} of {1}</source>
        <translation>Lektion {0} von {1}</translation>
    </message>
    <message>
        <source>Next: {0}</source>
        <translation>Als Nächstes: {0}</translation>
    </message>
    <message>
        <source>✓ Completed</source>
        <translation>✓ Abgeschlossen</translation>
    </message>
    <message>
        <source>In progress · {0} %</source>
        <translation>Begonnen · {0} %</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht begonnen</translation>
    </message>
    <message>
        <source>This lesson has no text yet.</source>
        <translation>Diese Lektion hat noch keinen Text.</translation>
    </message>
    <message>
        <source>Completed ✓</source>
        <translation>Abgeschlossen ✓</translation>
    </message>
    <message>
        <source>it could not be opened: the file may be damaged, or its format is not supported</source>
        <translation>es konnte nicht geöffnet werden: Die Datei ist vielleicht beschädigt, oder ihr Format wird nicht unterstützt</translation>
    </message>
    <message>
        <source>This video cannot be played: {0}.

Your progress in this lesson is unchanged.</source>
        <translation>Dieses Video kann nicht abgespielt werden: {0}.

Ihr Fortschritt in dieser Lektion bleibt unverändert.</translation>
    </message>
    <message>
        <source>

(Details: {0})</source>
        <translation>

(Einzelheiten: {0})</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>Abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>Up next: {0}</source>
        <translation>Als Nächstes: {0}</translation>
    </message>
    <message>
        <source>This was the last lesson of the course.</source>
        <translation>Das war die letzte Lektion des Kurses.</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Ton an</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <source>Unmute (M)</source>
        <translation>Ton an (M)</translation>
    </message>
    <message>
        <source>Mute (M)</source>
        <translation>Stumm (M)</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>Vollbild verlassen</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Vollbild</translation>
    </message>
    <message>
        <source>Full screen (F) — Esc leaves it</source>
        <translation>Vollbild (F) — Esc verlässt es</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>⚠ Progress not saved yet</source>
        <translation>⚠ Fortschritt noch nicht gespeichert</translation>
    </message>
    <message>
        <source>Your progress could not be saved: {0}. It is retried.</source>
        <translation>Ihr Fortschritt konnte nicht gespeichert werden: {0}. Es wird erneut versucht.</translation>
    </message>
    <message>
        <source>⚠ Not marked complete</source>
        <translation>⚠ Nicht als abgeschlossen markiert</translation>
    </message>
    <message>
        <source>The lesson could not be marked complete: {0}.</source>
        <translation>Die Lektion konnte nicht als abgeschlossen markiert werden: {0}.</translation>
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
        <source>Signing in as {0}…</source>
        <translation>Anmeldung als {0}…</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <source>Opening your workspace…</source>
        <translation>Ihr Arbeitsbereich wird geöffnet…</translation>
    </message>
    <message>
        <source>○ Sign-in failed</source>
        <translation>○ Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not sign in: {0}</source>
        <translation>Anmeldung nicht möglich: {0}</translation>
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
    <name>ModeBanner</name>
    <message>
        <source>Back online — your offline changes were sent to the server.</source>
        <translation>Wieder online — Ihre Offline-Änderungen wurden an den Server gesendet.</translation>
    </message>
    <message>
        <source>Reload from the server</source>
        <translation>Vom Server neu laden</translation>
    </message>
    <message>
        <source>The server is back: sending your offline changes…</source>
        <translation>Der Server ist wieder da: Ihre Offline-Änderungen werden gesendet…</translation>
    </message>
    <message>
        <source>You are offline: studying this computer&apos;s copy. Your progress is kept here and sent to the server when it is reachable again.</source>
        <translation>Sie sind offline: Sie lernen mit der Kopie auf diesem Computer. Ihr Fortschritt wird hier aufbewahrt und an den Server gesendet, sobald er wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>The server cannot be reached. You can keep studying the courses on this computer; your progress is sent when the server is back.</source>
        <translation>Der Server ist nicht erreichbar. Sie können mit den Kursen auf diesem Computer weiterlernen; Ihr Fortschritt wird gesendet, sobald der Server wieder da ist.</translation>
    </message>
    <message>
        <source>Study offline</source>
        <translation>Offline lernen</translation>
    </message>
</context>
<context>
    <name>MyLearningPage</name>
    <message>
        <source>Course</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Zuletzt aktiv</translation>
    </message>
    <message>
        <source>Continue with</source>
        <translation>Weiter mit</translation>
    </message>
    <message>
        <source>All lessons done</source>
        <translation>Alle Lektionen erledigt</translation>
    </message>
    <message>
        <source>Learning path</source>
        <translation>Lernpfad</translation>
    </message>
    <message>
        <source>Steps done</source>
        <translation>Erledigte Schritte</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Watched</source>
        <translation>Angesehen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>My learning</source>
        <translation>Mein Lernen</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>Kurse</translation>
    </message>
    <message>
        <source>Learning paths</source>
        <translation>Lernpfade</translation>
    </message>
    <message>
        <source>Recently watched</source>
        <translation>Zuletzt angesehen</translation>
    </message>
    <message>
        <source>Enrolled courses</source>
        <translation>Belegte Kurse</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Open course</source>
        <translation>Kurs öffnen</translation>
    </message>
    <message>
        <source>Browse the catalog</source>
        <translation>Den Katalog durchsuchen</translation>
    </message>
    <message>
        <source>You are not enrolled in a course yet.</source>
        <translation>Sie sind noch in keinen Kurs eingeschrieben.</translation>
    </message>
    <message>
        <source>No learning path started. Paths are in the catalog, under Learning paths.</source>
        <translation>Noch kein Lernpfad begonnen. Lernpfade finden Sie im Katalog unter „Lernpfade“.</translation>
    </message>
    <message>
        <source>Lessons you watch show up here.</source>
        <translation>Lektionen, die Sie ansehen, erscheinen hier.</translation>
    </message>
    <message>
        <source>My learning needs a connection to the server.</source>
        <translation>„Mein Lernen“ braucht eine Verbindung zum Server.</translation>
    </message>
    <message numerus="yes">
        <source>%n course(s) ({0} completed)</source>
        <translation>
            <numerusform>%n Kurs ({0} abgeschlossen)</numerusform>
            <numerusform>%n Kurse ({0} abgeschlossen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learning path(s)</source>
        <translation>
            <numerusform>%n Lernpfad</numerusform>
            <numerusform>%n Lernpfade</numerusform>
        </translation>
    </message>
    <message>
        <source>Pick up where you left off: {0} — {1} ({2} % done)</source>
        <translation>Machen Sie dort weiter, wo Sie aufgehört haben: {0} — {1} ({2} % erledigt)</translation>
    </message>
    <message>
        <source>Could not load your learning: {0}</source>
        <translation>Ihr Lernstand konnte nicht geladen werden: {0}</translation>
    </message>
    <message>
        <source>Play “{0}”</source>
        <translation>„{0}“ abspielen</translation>
    </message>
</context>
<context>
    <name>OfflineCopies</name>
    <message>
        <source>Making a course available offline needs the server: connect, then try again.</source>
        <translation>Um einen Kurs offline verfügbar zu machen, braucht es den Server: Verbinden Sie sich und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>You are offline: copies can be made once you are back online.</source>
        <translation>Sie sind offline: Kopien lassen sich erstellen, sobald Sie wieder online sind.</translation>
    </message>
    <message>
        <source>Every course of this path may be studied offline.</source>
        <translation>Jeder Kurs dieses Lernpfads darf offline gelernt werden.</translation>
    </message>
    <message>
        <source>This course is on this computer now.</source>
        <translation>Dieser Kurs ist jetzt auf diesem Computer.</translation>
    </message>
    <message>
        <source>This path is on this computer now.</source>
        <translation>Dieser Lernpfad ist jetzt auf diesem Computer.</translation>
    </message>
    <message numerus="yes">
        <source>%n video(s) downloading (see Downloads).</source>
        <translation>
            <numerusform>%n Video wird heruntergeladen (siehe Downloads).</numerusform>
            <numerusform>%n Videos werden heruntergeladen (siehe Downloads).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfflineCopyBar</name>
    <message>
        <source>Make available offline</source>
        <translation>Offline verfügbar machen</translation>
    </message>
    <message>
        <source>Remove offline copy</source>
        <translation>Offline-Kopie entfernen</translation>
    </message>
    <message>
        <source>✓ On this computer: you can study it offline.</source>
        <translation>✓ Auf diesem Computer: Sie können offline damit lernen.</translation>
    </message>
    <message>
        <source>Copying it to this computer…</source>
        <translation>Wird auf diesen Computer kopiert…</translation>
    </message>
</context>
<context>
    <name>OfflineSyncMixin</name>
    <message>
        <source>Sync: checking the server…</source>
        <translation>Abgleich: Der Server wird geprüft…</translation>
    </message>
    <message>
        <source>Could not remove the offline copy: {0}</source>
        <translation>Die Offline-Kopie konnte nicht entfernt werden: {0}</translation>
    </message>
    <message>
        <source>Changed videos were not queued: {0}</source>
        <translation>Geänderte Videos wurden nicht eingereiht: {0}</translation>
    </message>
    <message>
        <source>○ Offline · this computer&apos;s copy</source>
        <translation>○ Offline · Kopie auf diesem Computer</translation>
    </message>
    <message>
        <source>● Server back · this computer&apos;s copy</source>
        <translation>● Server wieder da · Kopie auf diesem Computer</translation>
    </message>
    <message>
        <source>the server cannot be reached</source>
        <translation>der Server ist nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>OptionTableModel</name>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>Not correct</source>
        <translation>Nicht richtig</translation>
    </message>
    <message>
        <source>Type the text…</source>
        <translation>Text eingeben…</translation>
    </message>
    <message>
        <source>Double-click to type the text</source>
        <translation>Doppelklicken, um den Text einzugeben</translation>
    </message>
    <message>
        <source>Accepted answer</source>
        <translation>Akzeptierte Antwort</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Option</translation>
    </message>
</context>
<context>
    <name>PathEditor</name>
    <message>
        <source>Course</source>
        <extracomment>A picker row&apos;s StepTarget.</extracomment>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>(a course that no longer exists)</source>
        <translation>(ein Kurs, den es nicht mehr gibt)</translation>
    </message>
    <message>
        <source>(an assessment that no longer exists)</source>
        <translation>(ein Test, den es nicht mehr gibt)</translation>
    </message>
    <message>
        <source>Not saved: someone else changed this learning path.</source>
        <extracomment>The version shown changed (loaded, saved or taken from a conflict): PathDetail. A save went through: the saved PathDetail.</extracomment>
        <translation>Nicht gespeichert: Jemand anderes hat diesen Lernpfad geändert.</translation>
    </message>
    <message>
        <source>The path was deleted; your changes were dropped.</source>
        <translation>Der Lernpfad wurde gelöscht; Ihre Änderungen wurden verworfen.</translation>
    </message>
    <message>
        <source>Open a learning path, or start a new one.</source>
        <translation>Öffnen Sie einen Lernpfad oder beginnen Sie einen neuen.</translation>
    </message>
    <message>
        <source>Learning path</source>
        <translation>Lernpfad</translation>
    </message>
    <message>
        <source>You can read this learning path; only its author or an admin may change it.</source>
        <translation>Sie können diesen Lernpfad lesen; nur seine Autorin oder sein Autor oder ein Admin darf ihn ändern.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>e.g. Become a data analyst</source>
        <translation>z. B. Datenanalyst werden</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Thumbnail image file or web address</source>
        <translation>Bilddatei oder Webadresse des Vorschaubilds</translation>
    </message>
    <message>
        <source>An image file, or an https:// address</source>
        <translation>Eine Bilddatei oder eine https://-Adresse</translation>
    </message>
    <message>
        <source>Choose image…</source>
        <translation>Bild wählen…</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <source>T&amp;humbnail</source>
        <translation>&amp;Vorschaubild</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Add steps…</source>
        <translation>Schritte hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Drag to reorder, or Alt+↑ / Alt+↓; Delete removes.</source>
        <translation>Zum Umordnen ziehen oder Alt+↑ / Alt+↓; Entf entfernt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Steps&lt;/b&gt;</source>
        <translation>&lt;b&gt;Schritte&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The new learning path</source>
        <translation>Der neue Lernpfad</translation>
    </message>
    <message>
        <source>A new learning path: give it a title and steps, then save.</source>
        <translation>Ein neuer Lernpfad: Geben Sie ihm einen Titel und Schritte und speichern Sie dann.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Last saved {time}.</source>
        <translation>Zuletzt gespeichert {time}.</translation>
    </message>
    <message>
        <source>Step {number}: {problem}</source>
        <translation>Schritt {number}: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) need attention:</source>
        <translation>
            <numerusform>%n Schritt braucht Aufmerksamkeit:</numerusform>
            <numerusform>%n Schritte brauchen Aufmerksamkeit:</numerusform>
        </translation>
    </message>
    <message>
        <source>Untitled learning path</source>
        <translation>Lernpfad ohne Titel</translation>
    </message>
    <message>
        <source>New learning path</source>
        <translation>Neuer Lernpfad</translation>
    </message>
    <message>
        <source>Title: {title}</source>
        <translation>Titel: {title}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Thumbnail: {address}</source>
        <translation>Vorschaubild: {address}</translation>
    </message>
    <message>
        <source>Description: {description}</source>
        <translation>Beschreibung: {description}</translation>
    </message>
    <message>
        <source>● Unsaved changes</source>
        <translation>● Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Edit title</source>
        <translation>Titel bearbeiten</translation>
    </message>
    <message>
        <source>Edit description</source>
        <translation>Beschreibung bearbeiten</translation>
    </message>
    <message>
        <source>Change thumbnail</source>
        <translation>Vorschaubild ändern</translation>
    </message>
    <message>
        <source>Make it {status}</source>
        <translation>Auf {status} setzen</translation>
    </message>
    <message>
        <source>Move step</source>
        <translation>Schritt verschieben</translation>
    </message>
    <message>
        <source>Remove step</source>
        <translation>Schritt entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Add %n step(s)</source>
        <translation>
            <numerusform>Schritt hinzufügen</numerusform>
            <numerusform>%n Schritte hinzufügen</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a thumbnail image</source>
        <translation>Vorschaubild wählen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.svg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.gif *.svg)</translation>
    </message>
    <message>
        <source>A web image (shown in the catalog)</source>
        <translation>Ein Webbild (im Katalog angezeigt)</translation>
    </message>
    <message>
        <source>Not an image this app can show</source>
        <translation>Kein Bild, das diese App anzeigen kann</translation>
    </message>
    <message>
        <source>Not saved: {message}</source>
        <translation>Nicht gespeichert: {message}</translation>
    </message>
</context>
<context>
    <name>PathListModel</name>
    <message numerus="yes">
        <source>{0} — %n step(s)</source>
        <translation>
            <numerusform>{0} — %n Schritt</numerusform>
            <numerusform>{0} — %n Schritte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathStepsModel</name>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source> · locked: not in your plan</source>
        <translation> · gesperrt: nicht in Ihrem Tarif</translation>
    </message>
    <message>
        <source> · Next</source>
        <translation> · Als Nächstes</translation>
    </message>
    <message>
        <source>Course: {0}</source>
        <translation>Kurs: {0}</translation>
    </message>
    <message>
        <source>Assessment: {0}</source>
        <translation>Test: {0}</translation>
    </message>
    <message>
        <source>Step {0}: {1}</source>
        <translation>Schritt {0}: {1}</translation>
    </message>
</context>
<context>
    <name>PathViewPage</name>
    <message>
        <source>Loading the path…</source>
        <translation>Der Lernpfad wird geladen…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Start this path</source>
        <translation>Diesen Lernpfad beginnen</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>This path needs a connection to the server.</source>
        <translation>Dieser Lernpfad braucht eine Verbindung zum Server.</translation>
    </message>
    <message numerus="yes">
        <source>{0} of %n step(s) done · {1} %</source>
        <translation>
            <numerusform>{0} von %n Schritt erledigt · {1} %</numerusform>
            <numerusform>{0} von %n Schritten erledigt · {1} %</numerusform>
        </translation>
    </message>
    <message>
        <source>Path completed ✓</source>
        <translation>Lernpfad abgeschlossen ✓</translation>
    </message>
    <message>
        <source>Continue with step {0}: {1}</source>
        <translation>Weiter mit Schritt {0}: {1}</translation>
    </message>
    <message>
        <source>Begin with step {0}: {1}</source>
        <translation>Beginnen mit Schritt {0}: {1}</translation>
    </message>
    <message>
        <source>Could not load the path: {0}</source>
        <translation>Der Lernpfad konnte nicht geladen werden: {0}</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>On offer</source>
        <translation>Im Angebot</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Eingestellt</translation>
    </message>
    <message>
        <source>Subscribers</source>
        <translation>Abonnenten</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Leistungen</translation>
    </message>
    <message>
        <source>Plan name</source>
        <translation>Tarifname</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>e.g. 19.99</source>
        <translation>z. B. 19.99</translation>
    </message>
    <message>
        <source>Billing cycle</source>
        <translation>Abrechnungszeitraum</translation>
    </message>
    <message>
        <source>Features (JSON)</source>
        <translation>Leistungen (JSON)</translation>
    </message>
    <message>
        <source>Known features: {features}</source>
        <translation>Bekannte Leistungen: {features}</translation>
    </message>
    <message>
        <source>On offer (people can be moved to this plan)</source>
        <translation>Im Angebot (Personen können in diesen Tarif wechseln)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Plans are read-only for support staff; administrators edit them.</source>
        <translation>Tarife sind für das Support-Team schreibgeschützt; Administratoren bearbeiten sie.</translation>
    </message>
    <message>
        <source>Loading plans…</source>
        <translation>Tarife werden geladen…</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Tarife</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>Neuer Tarif</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Plans need a connection to the server.</source>
        <translation>Tarife brauchen eine Verbindung zum Server.</translation>
    </message>
    <message>
        <source>Could not load the plans: {error}</source>
        <translation>Die Tarife konnten nicht geladen werden: {error}</translation>
    </message>
    <message numerus="yes">
        <source>{count} plan(s)</source>
        <translation>
            <numerusform>{count} Tarif</numerusform>
            <numerusform>{count} Tarife</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} live subscription(s)</source>
        <translation>
            <numerusform>{count} laufendes Abonnement</numerusform>
            <numerusform>{count} laufende Abonnements</numerusform>
        </translation>
    </message>
    <message>
        <source>Plan: {name}</source>
        <translation>Tarif: {name}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved the {plan} plan.</source>
        <translation>Der Tarif „{plan}“ wurde gespeichert.</translation>
    </message>
</context>
<context>
    <name>ProfileTab</name>
    <message>
        <source>Account id</source>
        <translation>Konto-ID</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Berufsbezeichnung</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Avatar</source>
        <translation>Profilbild</translation>
    </message>
    <message>
        <source>Bio</source>
        <translation>Über mich</translation>
    </message>
    <message>
        <source>Member since</source>
        <translation>Mitglied seit</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <source>Database login</source>
        <translation>Datenbank-Login</translation>
    </message>
    <message>
        <source>— (embedded database)</source>
        <translation>— (eingebettete Datenbank)</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Time studied per week</source>
        <translation>Lernzeit pro Woche</translation>
    </message>
    <message>
        <source>Completion per course</source>
        <translation>Abschluss pro Kurs</translation>
    </message>
    <message>
        <source>Assessment scores over time</source>
        <translation>Testergebnisse im Zeitverlauf</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>d.M.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>My progress</source>
        <translation>Mein Fortschritt</translation>
    </message>
    <message>
        <source>Your progress needs a connection to the server.</source>
        <translation>Ihr Fortschritt braucht eine Verbindung zum Server.</translation>
    </message>
    <message>
        <source>Could not load your progress: {0}</source>
        <translation>Ihr Fortschritt konnte nicht geladen werden: {0}</translation>
    </message>
    <message numerus="yes">
        <source>{0} studied in the last %n week(s)</source>
        <translation>
            <numerusform>{0} gelernt in der letzten Woche</numerusform>
            <numerusform>{0} gelernt in den letzten %n Wochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing studied in the last %n week(s)</source>
        <translation>
            <numerusform>Nichts gelernt in der letzten Woche</numerusform>
            <numerusform>Nichts gelernt in den letzten %n Wochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n course(s)</source>
        <translation>
            <numerusform>%n Kurs</numerusform>
            <numerusform>%n Kurse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n graded attempt(s)</source>
        <translation>
            <numerusform>%n bewerteter Versuch</numerusform>
            <numerusform>%n bewertete Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>Charts are not available on this computer (Qt Charts could not be loaded); the figures are listed below each heading.</source>
        <translation>Diagramme sind auf diesem Computer nicht verfügbar (Qt Charts konnte nicht geladen werden); die Zahlen stehen unter jeder Überschrift.</translation>
    </message>
    <message>
        <source>No study time recorded in these weeks yet.</source>
        <translation>In diesen Wochen wurde noch keine Lernzeit erfasst.</translation>
    </message>
    <message>
        <source>{0} in all; most in the week of {1} ({2}).</source>
        <translation>{0} insgesamt; am meisten in der Woche ab {1} ({2}).</translation>
    </message>
    <message>
        <source>You are not enrolled in a course yet.</source>
        <translation>Sie sind noch in keinen Kurs eingeschrieben.</translation>
    </message>
    <message>
        <source>No graded assessment attempts yet.</source>
        <translation>Noch keine bewerteten Testversuche.</translation>
    </message>
    <message>
        <source>latest: {0} {1} % (passed).</source>
        <translation>zuletzt: {0} {1} % (bestanden).</translation>
    </message>
    <message>
        <source>latest: {0} {1} % (not passed).</source>
        <translation>zuletzt: {0} {1} % (nicht bestanden).</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s), {0} passed; </source>
        <translation>
            <numerusform>%n Versuch, {0} bestanden; </numerusform>
            <numerusform>%n Versuche, {0} bestanden; </numerusform>
        </translation>
    </message>
    <message>
        <source>Minutes studied</source>
        <translation>Gelernte Minuten</translation>
    </message>
    <message>
        <source>week starting</source>
        <translation>Woche ab</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>abgegeben</translation>
    </message>
    <message>
        <source>Pass mark ({0} %)</source>
        <translation>Bestehensgrenze ({0} %)</translation>
    </message>
</context>
<context>
    <name>PropertyPanel</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.gif *.bmp);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>the image is larger than 5 MB</source>
        <translation>das Bild ist größer als 5 MB</translation>
    </message>
    <message>
        <source>not an image</source>
        <translation>kein Bild</translation>
    </message>
    <message>
        <source>Select the course, a module or a lesson.</source>
        <translation>Wählen Sie den Kurs, ein Modul oder eine Lektion.</translation>
    </message>
    <message>
        <source>● Unsaved changes</source>
        <translation>● Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save these fields (Ctrl+S)</source>
        <translation>Diese Felder speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Discard what you typed</source>
        <translation>Eingaben verwerfen</translation>
    </message>
    <message>
        <source>Save fields</source>
        <translation>Felder speichern</translation>
    </message>
    <message>
        <source>From the title</source>
        <translation>Aus dem Titel</translation>
    </message>
    <message>
        <source>Generate the slug from the title (kept unique)</source>
        <translation>Den Kurznamen aus dem Titel erzeugen (bleibt eindeutig)</translation>
    </message>
    <message>
        <source>Choose image…</source>
        <translation>Bild wählen…</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>Veröffentlichen…</translation>
    </message>
    <message>
        <source>Unpublish…</source>
        <translation>Veröffentlichung zurücknehmen…</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>Archivieren…</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Slug:</source>
        <translation>&amp;Kurzname:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Niveau:</translation>
    </message>
    <message>
        <source>T&amp;humbnail:</source>
        <translation>&amp;Vorschaubild:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Contents:</source>
        <translation>Inhalt:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Attach video…</source>
        <translation>Video anhängen…</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Vorschau…</translation>
    </message>
    <message>
        <source>Remove video</source>
        <translation>Video entfernen</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>D&amp;auer:</translation>
    </message>
    <message>
        <source>Video:</source>
        <translation>Video:</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>{duration} (the sum of its lessons)</source>
        <translation>{duration} (die Summe seiner Lektionen)</translation>
    </message>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n Lektion</numerusform>
            <numerusform>%n Lektionen</numerusform>
        </translation>
    </message>
    <message>
        <source>The slug &apos;{slug}&apos; is already used by &apos;{course}&apos;.</source>
        <translation>Der Kurzname „{slug}“ wird bereits von „{course}“ verwendet.</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Replace video…</source>
        <translation>Video ersetzen…</translation>
    </message>
    <message>
        <source>No video: a text lesson (learners mark it complete).</source>
        <translation>Kein Video: eine Textlektion (Lernende markieren sie als abgeschlossen).</translation>
    </message>
    <message>
        <source>Choose a thumbnail</source>
        <translation>Vorschaubild wählen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>No preview: {exc}</source>
        <translation>Keine Vorschau: {exc}</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish course</source>
        <translation>Kurs veröffentlichen</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Unpublish course</source>
        <translation>Veröffentlichung des Kurses zurücknehmen</translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation>Zurücknehmen</translation>
    </message>
    <message>
        <source>Archive course</source>
        <translation>Kurs archivieren</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <source>{title} — {course_title}</source>
        <translation>{title} – {course_title}</translation>
    </message>
    <message>
        <source>Checking the course…</source>
        <translation>Der Kurs wird geprüft…</translation>
    </message>
    <message>
        <source>Problems to fix before publishing</source>
        <translation>Vor dem Veröffentlichen zu behebende Probleme</translation>
    </message>
    <message>
        <source>Ready to publish.</source>
        <translation>Bereit zum Veröffentlichen.</translation>
    </message>
    <message>
        <source>Every check passed. Once published, learners find the course in the catalog.</source>
        <translation>Alle Prüfungen bestanden. Nach dem Veröffentlichen finden Lernende den Kurs im Katalog.</translation>
    </message>
    <message>
        <source>Fix this before publishing:</source>
        <translation>Beheben Sie dies vor dem Veröffentlichen:</translation>
    </message>
    <message>
        <source>Fix these {count} things before publishing:</source>
        <translation>Beheben Sie vor dem Veröffentlichen diese {count} Punkte:</translation>
    </message>
    <message>
        <source>Really unpublish it?</source>
        <translation>Veröffentlichung wirklich zurücknehmen?</translation>
    </message>
    <message>
        <source>Really archive it?</source>
        <translation>Wirklich archivieren?</translation>
    </message>
    <message numerus="yes">
        <source>%n learner(s) enrolled.</source>
        <translation>
            <numerusform>%n Lernende(r) ist eingeschrieben.</numerusform>
            <numerusform>%n Lernende sind eingeschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>No learners are enrolled. Unpublish the course?</source>
        <translation>Es sind keine Lernenden eingeschrieben. Die Veröffentlichung des Kurses zurücknehmen?</translation>
    </message>
    <message>
        <source>No learners are enrolled. Archive the course?</source>
        <translation>Es sind keine Lernenden eingeschrieben. Den Kurs archivieren?</translation>
    </message>
    <message>
        <source>The course stays a draft until then; nothing was changed.</source>
        <translation>Bis dahin bleibt der Kurs ein Entwurf; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Enrolled learners keep their progress, but the course leaves the catalog and they can no longer open it until it is published again.</source>
        <translation>Eingeschriebene Lernende behalten ihren Fortschritt, aber der Kurs verschwindet aus dem Katalog und sie können ihn erst wieder öffnen, wenn er erneut veröffentlicht ist.</translation>
    </message>
    <message>
        <source>It leaves the catalog; you can publish it again later.</source>
        <translation>Er verschwindet aus dem Katalog; Sie können ihn später wieder veröffentlichen.</translation>
    </message>
    <message>
        <source>The check could not run.</source>
        <translation>Die Prüfung konnte nicht laufen.</translation>
    </message>
</context>
<context>
    <name>QuestionListModel</name>
    <message>
        <source>(no text yet)</source>
        <translation>(noch kein Text)</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n Antwort</numerusform>
            <numerusform>%n Antworten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n option(s)</source>
        <translation>
            <numerusform>%n Option</numerusform>
            <numerusform>%n Optionen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuestionReviewModel</name>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Ihre Antwort</translation>
    </message>
    <message>
        <source>Correct answer</source>
        <translation>Richtige Antwort</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
</context>
<context>
    <name>RolesTab</name>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Has it</source>
        <translation>Vorhanden</translation>
    </message>
    <message>
        <source>✓ Yes</source>
        <translation>✓ Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>What it allows</source>
        <translation>Was sie erlaubt</translation>
    </message>
    <message>
        <source>Grant role…</source>
        <translation>Rolle vergeben…</translation>
    </message>
    <message>
        <source>Revoke role</source>
        <translation>Rolle entziehen</translation>
    </message>
    <message>
        <source>Only administrators grant or revoke roles.</source>
        <translation>Nur Administratoren vergeben oder entziehen Rollen.</translation>
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
<context>
    <name>StepPickerDialog</name>
    <message>
        <source>Add steps</source>
        <extracomment>The chosen StepTargets, in list order.</extracomment>
        <translation>Schritte hinzufügen</translation>
    </message>
    <message>
        <source>Search courses and assessments by title…</source>
        <translation>Kurse und Tests nach Titel durchsuchen…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Courses and assessments</source>
        <translation>Kurse und Tests</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>Kurse</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>Tests</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation>{count} gefunden</translation>
    </message>
    <message>
        <source>, {count} to add</source>
        <translation>, {count} hinzufügbar</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>Nichts passt.</translation>
    </message>
    <message>
        <source>Could not search: {exc}</source>
        <translation>Suche nicht möglich: {exc}</translation>
    </message>
</context>
<context>
    <name>StepTargetModel</name>
    <message>
        <source>already in this path</source>
        <translation>bereits in diesem Lernpfad</translation>
    </message>
</context>
<context>
    <name>SubscriptionsTab</name>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source> (gives access)</source>
        <translation> (gewährt Zugang)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Leistungen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Cancel subscription…</source>
        <translation>Abonnement kündigen…</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>Verlängern…</translation>
    </message>
    <message>
        <source>Change plan…</source>
        <translation>Tarif wechseln…</translation>
    </message>
    <message>
        <source>This person has never had a subscription.</source>
        <translation>Diese Person hatte noch nie ein Abonnement.</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Statusverlauf</translation>
    </message>
    <message>
        <source>No recorded change to this subscription yet: its history starts with the first change the database records.</source>
        <translation>Noch keine aufgezeichnete Änderung an diesem Abonnement: Sein Verlauf beginnt mit der ersten Änderung, die die Datenbank aufzeichnet.</translation>
    </message>
    <message>
        <source>This subscription has no end date to extend.</source>
        <translation>Dieses Abonnement hat kein Enddatum, das verlängert werden könnte.</translation>
    </message>
    <message>
        <source>Move the end date later</source>
        <translation>Das Enddatum nach hinten verschieben</translation>
    </message>
</context>
<context>
    <name>Support</name>
    <message>
        <source>Studies courses and paths (everyone)</source>
        <translation>Lernt in Kursen und Lernpfaden (alle)</translation>
    </message>
    <message>
        <source>Builds courses, assessments and paths</source>
        <translation>Erstellt Kurse, Tests und Lernpfade</translation>
    </message>
    <message>
        <source>Looks up accounts; fixes status and subscriptions</source>
        <translation>Sucht Konten; korrigiert Status und Abonnements</translation>
    </message>
    <message>
        <source>Manages roles, plans and passwords</source>
        <translation>Verwaltet Rollen, Tarife und Passwörter</translation>
    </message>
    <message>
        <source>{minutes} min {seconds:02d} s</source>
        <translation>{minutes} Min. {seconds:02d} s</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>no end</source>
        <translation>kein Ende</translation>
    </message>
    <message>
        <source>started as {status}, ends {end}</source>
        <translation>begonnen als {status}, endet {end}</translation>
    </message>
    <message>
        <source>end {old} → {new}</source>
        <translation>Ende {old} → {new}</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Statusverlauf</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Learning path</source>
        <translation>Lernpfad</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Enrolled courses and paths</source>
        <translation>Belegte Kurse und Lernpfade</translation>
    </message>
    <message>
        <source>Assessment attempts</source>
        <translation>Testversuche</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Rejected changes</source>
        <translation>Abgelehnte Änderungen</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Änderungsprotokoll</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Etwas ist schiefgelaufen: {error}</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Temporäres Passwort</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>{name}&apos;s temporary password. Tell it to them in a safe way; it is shown only this once.</source>
        <translation>Temporäres Passwort für {name}. Teilen Sie es der Person auf sicherem Weg mit; es wird nur dieses eine Mal angezeigt.</translation>
    </message>
    <message>
        <source>Export account data</source>
        <translation>Kontodaten exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>the avatar image is larger than 2 MB</source>
        <translation>das Profilbild ist größer als 2 MB</translation>
    </message>
    <message>
        <source>cannot load an avatar from a {scheme}: address</source>
        <translation>ein Profilbild kann nicht von einer {scheme}:-Adresse geladen werden</translation>
    </message>
    <message>
        <source>the avatar is not an image</source>
        <translation>das Profilbild ist kein Bild</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Tarife</translation>
    </message>
</context>
<context>
    <name>SupportWorkspace</name>
    <message>
        <source>Your account may not look up other accounts.</source>
        <translation>Ihr Konto darf keine anderen Konten nachschlagen.</translation>
    </message>
    <message>
        <source>Support pages</source>
        <translation>Support-Seiten</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Tarife</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>Auswertungen</translation>
    </message>
    <message>
        <source>Close tab</source>
        <translation>Tab schließen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>As {name} (read-only)</source>
        <translation>Als {name} (nur lesen)</translation>
    </message>
    <message>
        <source>Their learning as they see it, read-only</source>
        <translation>Ihr Lernen, wie die Person es sieht, nur lesend</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>Sync status</source>
        <extracomment>The status bar shows this much of the sync status; the tooltip has all of it.</extracomment>
        <translation>Abgleichstatus</translation>
    </message>
    <message>
        <source>Sync: {0}</source>
        <translation>Abgleich: {0}</translation>
    </message>
    <message>
        <source>Click to see the changes the server could not accept.</source>
        <translation>Klicken, um die Änderungen zu sehen, die der Server nicht annehmen konnte.</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <source>Sync state</source>
        <translation>Synchronisationsstand</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Last push</source>
        <translation>Letzte Übertragung</translation>
    </message>
    <message>
        <source>Last pull</source>
        <translation>Letzter Abruf</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Why it was rejected</source>
        <translation>Warum abgelehnt</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Rejected changes</source>
        <translation>Abgelehnte Änderungen</translation>
    </message>
</context>
<context>
    <name>UndoRedoActions</name>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>&amp;Rückgängig: {action}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>&amp;Wiederholen: {action}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Undo {action}</source>
        <translation>Rückgängig: {action}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo {action}</source>
        <translation>Wiederholen: {action}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
</context>
<context>
    <name>VersionConflictDialog</name>
    <message>
        <source>Someone else changed this</source>
        <extracomment>A row&apos;s problems (a list of sentences) in the editors&apos; list models. A row&apos;s item (a frozen draft) in the editors&apos; list models.</extracomment>
        <translation>Jemand anderes hat dies geändert</translation>
    </message>
    <message>
        <source>Your version (not saved)</source>
        <translation>Ihre Fassung (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Saved version</source>
        <translation>Gespeicherte Fassung</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(gelöscht)</translation>
    </message>
    <message>
        <source>Save mine anyway</source>
        <translation>Meine trotzdem speichern</translation>
    </message>
    <message>
        <source>Save mine as new</source>
        <translation>Meine als neu speichern</translation>
    </message>
    <message>
        <source>Take the saved version</source>
        <translation>Die gespeicherte Fassung nehmen</translation>
    </message>
    <message>
        <source>Discard mine</source>
        <translation>Meine verwerfen</translation>
    </message>
</context>
<context>
    <name>VideoDialog</name>
    <message>
        <source>Videos (*.mp4 *.m4v *.mov *.webm *.mkv *.avi);;All files (*)</source>
        <translation>Videos (*.mp4 *.m4v *.mov *.webm *.mkv *.avi);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Attach a video — {lesson_title}</source>
        <translation>Video anhängen – {lesson_title}</translation>
    </message>
    <message>
        <source>A file on this computer</source>
        <translation>Eine Datei auf diesem Computer</translation>
    </message>
    <message>
        <source>A web address (http or https)</source>
        <translation>Eine Webadresse (http oder https)</translation>
    </message>
    <message>
        <source>Video file</source>
        <translation>Videodatei</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Video address</source>
        <translation>Videoadresse</translation>
    </message>
    <message>
        <source>Video title</source>
        <translation>Videotitel</translation>
    </message>
    <message>
        <source>Choose a file or enter an address.</source>
        <translation>Wählen Sie eine Datei oder geben Sie eine Adresse ein.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Anbieter:</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Anhängen</translation>
    </message>
    <message>
        <source>file — copied into the media library when attached</source>
        <translation>Datei – wird beim Anhängen in die Mediathek kopiert</translation>
    </message>
    <message>
        <source>url — played from the web address</source>
        <translation>URL – wird von der Webadresse abgespielt</translation>
    </message>
    <message>
        <source>Choose a video</source>
        <translation>Video wählen</translation>
    </message>
    <message>
        <source>Measuring the video…</source>
        <translation>Das Video wird vermessen…</translation>
    </message>
    <message>
        <source>&apos;{address}&apos; is not a web address (it starts with http:// or https://).</source>
        <translation>„{address}“ ist keine Webadresse (sie beginnt mit http:// oder https://).</translation>
    </message>
    <message>
        <source>The address is longer than {limit} characters.</source>
        <translation>Die Adresse ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>Give the video a title.</source>
        <translation>Geben Sie dem Video einen Titel.</translation>
    </message>
    <message>
        <source>This computer cannot measure web videos (QtMultimedia is off): it will be attached as &apos;processing&apos; until its length is known.</source>
        <translation>Dieser Computer kann Webvideos nicht vermessen (QtMultimedia ist aus): Das Video wird als „in Verarbeitung“ angehängt, bis seine Länge bekannt ist.</translation>
    </message>
    <message>
        <source>Length {length} — ready to attach.</source>
        <translation>Länge {length} – bereit zum Anhängen.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot be attached: {reason}.</source>
        <translation>„{name}“ kann nicht angehängt werden: {reason}.</translation>
    </message>
</context>
<context>
    <name>VideoPreview</name>
    <message>
        <source>No video chosen yet</source>
        <extracomment>How long the player may take to report a duration before ffmpeg is asked instead.</extracomment>
        <translation>Noch kein Video gewählt</translation>
    </message>
    <message>
        <source>Video preview</source>
        <translation>Videovorschau</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Press Play to preview</source>
        <translation>Zum Ansehen auf „Abspielen“ drücken</translation>
    </message>
    <message>
        <source>Cannot play this</source>
        <translation>Nicht abspielbar</translation>
    </message>
    <message>
        <source>it is not a video this app can play</source>
        <translation>es ist kein Video, das diese App abspielen kann</translation>
    </message>
    <message>
        <source>it cannot be played</source>
        <translation>es kann nicht abgespielt werden</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>VideoPreviewDialog</name>
    <message>
        <source>Preview — {title}</source>
        <translation>Vorschau – {title}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Length {length}</source>
        <translation>Länge {length}</translation>
    </message>
    <message>
        <source>Cannot play it: {why}.</source>
        <translation>Kann nicht abgespielt werden: {why}.</translation>
    </message>
</context>
<context>
    <name>_ListAndEditor</name>
    <message>
        <source>Could not load the list: {exc}</source>
        <translation>Die Liste konnte nicht geladen werden: {exc}</translation>
    </message>
    <message>
        <source>{count} shown</source>
        <translation>{count} angezeigt</translation>
    </message>
</context>
<context>
    <name>_QuestionView</name>
    <message>
        <source>Question {0} of {1} · {2}</source>
        <translation>Frage {0} von {1} · {2}</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Ihre Antwort</translation>
    </message>
    <message>
        <source>Answer to question {0}</source>
        <translation>Antwort auf Frage {0}</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <source>Module / lesson</source>
        <extracomment>The lesson id of a lesson row (None on module rows). True on the row of the lesson to study next.</extracomment>
        <translation>Modul / Lektion</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
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
        <source>Module</source>
        <translation>Modul</translation>
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
        <extracomment>What each kind of outbox op is, for the learner (translated where shown).</extracomment>
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
        <extracomment>Where a lesson&apos;s video plays from on this computer (the offline copy): runs on a pool thread after the lesson is read; set by the main window. Start playing as soon as a video lesson is loaded. Preview as learner (authors): plays everything, records nothing.</extracomment>
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
    <name>SyncStatusLabel</name>
    <message>
        <source>Sync status</source>
        <extracomment>The status bar shows this much of the sync status; the tooltip has all of it. Called with each good report on the GUI thread (e.g. queue changed videos).</extracomment>
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

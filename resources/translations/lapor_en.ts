<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionDialogs</name>
    <message>
        <source>Verification and disposition</source>
        <translation>Verification and disposition</translation>
    </message>
    <message>
        <source>First follow-up</source>
        <translation>First follow-up</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Automatic closure</source>
        <translation>Automatic closure</translation>
    </message>
    <message>
        <source>Reporter completing the data</source>
        <translation>Reporter completing the data</translation>
    </message>
    <message>
        <source>Request missing information</source>
        <translation>Request missing information</translation>
    </message>
    <message>
        <source>Request information</source>
        <translation>Request information</translation>
    </message>
    <message>
        <source>What is &amp;missing:</source>
        <translation>What is &amp;missing:</translation>
    </message>
    <message>
        <source>The deadlines pause while the reporter completes the data. The reporter has 30 days.</source>
        <translation>The deadlines pause while the reporter completes the data. The reporter has 30 days.</translation>
    </message>
    <message>
        <source>Information received</source>
        <translation>Information received</translation>
    </message>
    <message>
        <source>Resume the case</source>
        <translation>Resume the case</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>The reporter completed the data; the deadlines run again.</source>
        <translation>The reporter completed the data; the deadlines run again.</translation>
    </message>
    <message>
        <source>Resolve the case</source>
        <translation>Resolve the case</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>The reporter accepted the answer, or the receiving agency confirmed it.</source>
        <translation>The reporter accepted the answer, or the receiving agency confirmed it.</translation>
    </message>
    <message>
        <source>Reopen the case</source>
        <translation>Reopen the case</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>The case goes back to follow-up and the resolution deadline restarts.</source>
        <translation>The case goes back to follow-up and the resolution deadline restarts.</translation>
    </message>
    <message>
        <source>Cancel the case</source>
        <translation>Cancel the case</translation>
    </message>
    <message>
        <source>A cancelled case stays in the register with its reason.</source>
        <translation>A cancelled case stays in the register with its reason.</translation>
    </message>
    <message>
        <source>Close as incomplete</source>
        <translation>Close as incomplete</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>Close the case</translation>
    </message>
    <message>
        <source>The reporter did not complete the data in time.</source>
        <translation>The reporter did not complete the data in time.</translation>
    </message>
    <message>
        <source>Record a follow-up</source>
        <translation>Record a follow-up</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>What was &amp;done:</source>
        <translation>What was &amp;done:</translation>
    </message>
    <message>
        <source>Give the final answer</source>
        <translation>Give the final answer</translation>
    </message>
    <message>
        <source>Give the answer</source>
        <translation>Give the answer</translation>
    </message>
    <message>
        <source>&amp;Answer to the reporter:</source>
        <translation>&amp;Answer to the reporter:</translation>
    </message>
    <message>
        <source>The case then waits 10 working days for the reporter&apos;s reply.</source>
        <translation>The case then waits 10 working days for the reporter&apos;s reply.</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Add a note</translation>
    </message>
    <message>
        <source>Add the note</source>
        <translation>Add the note</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <source>Archive the case</source>
        <translation>Archive the case</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Optional: register no. of the original</source>
        <translation>Optional: register no. of the original</translation>
    </message>
    <message>
        <source>&amp;Duplicate of:</source>
        <translation>&amp;Duplicate of:</translation>
    </message>
</context>
<context>
    <name>AttachDialog</name>
    <message>
        <source>Attach a file</source>
        <translation>Attach a file</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Attach</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>Choose the file</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>Choose a file to attach</source>
        <translation>Choose a file to attach</translation>
    </message>
</context>
<context>
    <name>BulkResolveDialog</name>
    <message numerus="yes">
        <source>Resolve %n selected case(s)</source>
        <translation>
            <numerusform>Resolve %n selected case</numerusform>
            <numerusform>Resolve %n selected cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>Each case is resolved on its own; cases that cannot be resolved now are listed afterwards and stay as they are.</source>
        <translation>Each case is resolved on its own; cases that cannot be resolved now are listed afterwards and stay as they are.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>&amp;Verify and dispose…</source>
        <translation>&amp;Verify and dispose…</translation>
    </message>
    <message>
        <source>Request &amp;missing information…</source>
        <translation>Request &amp;missing information…</translation>
    </message>
    <message>
        <source>Information &amp;received…</source>
        <translation>Information &amp;received…</translation>
    </message>
    <message>
        <source>Forward to the competent a&amp;gency…</source>
        <translation>Forward to the competent a&amp;gency…</translation>
    </message>
    <message>
        <source>Arc&amp;hive…</source>
        <translation>Arc&amp;hive…</translation>
    </message>
    <message>
        <source>Record a &amp;follow-up…</source>
        <translation>Record a &amp;follow-up…</translation>
    </message>
    <message>
        <source>Give the final &amp;answer…</source>
        <translation>Give the final &amp;answer…</translation>
    </message>
    <message>
        <source>Re&amp;solve…</source>
        <translation>Re&amp;solve…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>Re&amp;open…</translation>
    </message>
    <message>
        <source>Record reporter satis&amp;faction…</source>
        <translation type="vanished">Record reporter satis&amp;faction…</translation>
    </message>
    <message>
        <source>Record reporter feed&amp;back…</source>
        <translation>Record reporter feed&amp;back…</translation>
    </message>
    <message>
        <source>Close as &amp;incomplete…</source>
        <translation>Close as &amp;incomplete…</translation>
    </message>
    <message>
        <source>&amp;Cancel the case…</source>
        <translation>&amp;Cancel the case…</translation>
    </message>
    <message>
        <source>&amp;Extend a deadline…</source>
        <translation>&amp;Extend a deadline…</translation>
    </message>
    <message>
        <source>Add a &amp;note…</source>
        <translation>Add a &amp;note…</translation>
    </message>
    <message>
        <source>Edit case &amp;details…</source>
        <translation>Edit case &amp;details…</translation>
    </message>
    <message>
        <source>Attach a fi&amp;le…</source>
        <translation>Attach a fi&amp;le…</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>&amp;New case…</translation>
    </message>
    <message>
        <source>Dis&amp;pose selected…</source>
        <translation>Dis&amp;pose selected…</translation>
    </message>
    <message>
        <source>Resolve selec&amp;ted…</source>
        <translation>Resolve selec&amp;ted…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) done.</source>
        <translation>
            <numerusform>%n case done.</numerusform>
            <numerusform>%n cases done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) could not be changed:</source>
        <translation>
            <numerusform>%n case could not be changed:</numerusform>
            <numerusform>%n cases could not be changed:</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk action finished</source>
        <translation>Bulk action finished</translation>
    </message>
    <message numerus="yes">
        <source>Case {number} was saved, but %n attachment(s) could not be added:</source>
        <translation>
            <numerusform>Case {number} was saved, but %n attachment could not be added:</numerusform>
            <numerusform>Case {number} was saved, but %n attachments could not be added:</numerusform>
        </translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <source>Show the queue again</source>
        <translation>Show the queue again</translation>
    </message>
    <message>
        <source>Leave the list of cases from the sync</source>
        <translation>Leave the list of cases from the sync</translation>
    </message>
    <message numerus="yes">
        <source>{title}: %n case(s). The queue and search are set aside.</source>
        <translation>
            <numerusform>{title}: %n case. The queue and search are set aside.</numerusform>
            <numerusform>{title}: %n cases. The queue and search are set aside.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseRows</name>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n not sent</numerusform>
            <numerusform>%n not sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflict</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>due today</translation>
    </message>
    <message>
        <source>late</source>
        <translation>late</translation>
    </message>
    <message numerus="yes">
        <source>late by %n working day(s)</source>
        <translation>
            <numerusform>late by %n working day</numerusform>
            <numerusform>late by %n working days</numerusform>
        </translation>
    </message>
    <message>
        <source>paused (waiting for the reporter)</source>
        <translation>paused (waiting for the reporter)</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Register no.</source>
        <translation>Register no.</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>Next deadline</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Select a case</source>
        <translation>Select a case</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>Case details</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>(monitored, read-only)</source>
        <translation>(monitored, read-only)</translation>
    </message>
    <message>
        <source>LAPOR! tracking id</source>
        <translation>LAPOR! tracking id</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anonymous</translation>
    </message>
    <message>
        <source>(confidential)</source>
        <translation>(confidential)</translation>
    </message>
    <message>
        <source>Forwarded to</source>
        <translation>Forwarded to</translation>
    </message>
    <message>
        <source>Reporter satisfaction</source>
        <translation>Reporter satisfaction</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message numerus="yes">
        <source>extended by %n day(s)</source>
        <translation>
            <numerusform>extended by %n day</numerusform>
            <numerusform>extended by %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) not yet sent to the server</source>
        <translation>
            <numerusform>%n action not yet sent to the server</numerusform>
            <numerusform>%n actions not yet sent to the server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open sync conflict(s)</source>
        <translation>
            <numerusform>%n open sync conflict</numerusform>
            <numerusform>%n open sync conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>{field}: changed by {actor} ({office}) on {when}</source>
        <translation>{field}: changed by {actor} ({office}) on {when}</translation>
    </message>
    <message>
        <source>The server rejected an action ({action}, {when}): {reason}</source>
        <translation>The server rejected an action ({action}, {when}): {reason}</translation>
    </message>
    <message>
        <source>Sync → Rejected actions… to do it again or acknowledge it</source>
        <translation>Sync → Rejected actions… to do it again or acknowledge it</translation>
    </message>
    <message>
        <source>Monitored: held by {office}. Its progress arrives with each sync; this office can read it but not change it.</source>
        <translation>Monitored: held by {office}. Its progress arrives with each sync; this office can read it but not change it.</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Complaint as received</source>
        <translation>Complaint as received</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>Dispositions</source>
        <translation>Dispositions</translation>
    </message>
    <message>
        <source>Final answer</source>
        <translation>Final answer</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>resolve…</source>
        <translation>resolve…</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>Welcome to LAPOR Desktop</source>
        <translation>Welcome to LAPOR Desktop</translation>
    </message>
    <message>
        <source>This computer has no complaint data yet. What would you like to do?</source>
        <translation>This computer has no complaint data yet. What would you like to do?</translation>
    </message>
    <message>
        <source>&amp;Set up my office</source>
        <translation>&amp;Set up my office</translation>
    </message>
    <message>
        <source>Enter your office&apos;s name, letterhead, head of office and units. You can change all of it later in Settings.</source>
        <translation>Enter your office&apos;s name, letterhead, head of office and units. You can change all of it later in Settings.</translation>
    </message>
    <message>
        <source>&amp;Connect to the central server</source>
        <translation>&amp;Connect to the central server</translation>
    </message>
    <message>
        <source>Your Kabupaten runs a LAPOR central server and gave you an account: this PC gets your office&apos;s profile from it and syncs at the end of each day.</source>
        <translation>Your Kabupaten runs a LAPOR central server and gave you an account: this PC gets your office&apos;s profile from it and syncs at the end of each day.</translation>
    </message>
    <message>
        <source>&amp;Try demo data</source>
        <translation>&amp;Try demo data</translation>
    </message>
    <message>
        <source>Practise with {count} realistic complaints kept in a separate folder. Nothing in it is real, it is never sent anywhere, and your office&apos;s data is not touched.</source>
        <translation>Practise with {count} realistic complaints kept in a separate folder. Nothing in it is real, it is never sent anywhere, and your office&apos;s data is not touched.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Sync conflict — {number}</source>
        <translation>Sync conflict — {number}</translation>
    </message>
    <message>
        <source>Field “{field}” of {number} was changed in two places.</source>
        <translation>Field “{field}” of {number} was changed in two places.</translation>
    </message>
    <message>
        <source>Original (before both changes)</source>
        <translation>Original (before both changes)</translation>
    </message>
    <message>
        <source>Not applied (ours): {actor}, {office}, {when}</source>
        <translation>Not applied (ours): {actor}, {office}, {when}</translation>
    </message>
    <message>
        <source>In the case now (theirs)</source>
        <translation>In the case now (theirs)</translation>
    </message>
    <message>
        <source>Or write the &amp;new value:</source>
        <translation>Or write the &amp;new value:</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>Keep what the case &amp;holds</source>
        <translation>Keep what the case &amp;holds</translation>
    </message>
    <message>
        <source>Take the &amp;other change</source>
        <translation>Take the &amp;other change</translation>
    </message>
    <message>
        <source>Use the new &amp;value</source>
        <translation>Use the new &amp;value</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Only the holder office ({office}) or a coordinator can resolve it.</source>
        <translation>Only the holder office ({office}) or a coordinator can resolve it.</translation>
    </message>
    <message>
        <source>The choice is sent at the next sync and closes the conflict everywhere.</source>
        <translation>The choice is sent at the next sync and closes the conflict everywhere.</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>Try demo data</source>
        <translation>Try demo data</translation>
    </message>
    <message>
        <source>The demo data is kept in {folder}, apart from your office&apos;s data.</source>
        <translation>The demo data is kept in {folder}, apart from your office&apos;s data.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Creating {count} practice complaints. This takes a few seconds…</source>
        <translation>Creating {count} practice complaints. This takes a few seconds…</translation>
    </message>
    <message>
        <source>Cancelled: no demo data was kept.</source>
        <translation>Cancelled: no demo data was kept.</translation>
    </message>
    <message>
        <source>The demo data is ready.</source>
        <translation>The demo data is ready.</translation>
    </message>
    <message>
        <source>The demo data could not be created: {error}</source>
        <translation>The demo data could not be created: {error}</translation>
    </message>
</context>
<context>
    <name>DisposeDialog</name>
    <message numerus="yes">
        <source>Dispose %n selected case(s)</source>
        <translation>
            <numerusform>Dispose %n selected case</numerusform>
            <numerusform>Dispose %n selected cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Verify and dispose</source>
        <translation>Verify and dispose</translation>
    </message>
    <message>
        <source>Dispose</source>
        <translation>Dispose</translation>
    </message>
    <message>
        <source>To a &amp;unit or person of this office</source>
        <translation>To a &amp;unit or person of this office</translation>
    </message>
    <message>
        <source>To &amp;another office (OPD)</source>
        <translation>To &amp;another office (OPD)</translation>
    </message>
    <message>
        <source>U&amp;nit:</source>
        <translation>U&amp;nit:</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>Office code, for example DINPU</source>
        <translation>Office code, for example DINPU</translation>
    </message>
    <message>
        <source>&amp;Office code:</source>
        <translation>&amp;Office code:</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>&amp;Sifat:</source>
        <translation>&amp;Sifat:</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <source>Computing the deadline…</source>
        <translation>Computing the deadline…</translation>
    </message>
    <message>
        <source>First follow-up deadline</source>
        <translation>First follow-up deadline</translation>
    </message>
    <message>
        <source>First follow-up due: {due}</source>
        <translation>First follow-up due: {due}</translation>
    </message>
    <message>
        <source>Write the code of the office.</source>
        <translation>Write the code of the office.</translation>
    </message>
    <message>
        <source>That is this office; choose a unit or a person instead.</source>
        <translation>That is this office; choose a unit or a person instead.</translation>
    </message>
    <message>
        <source>Choose a unit or write a person.</source>
        <translation>Choose a unit or write a person.</translation>
    </message>
</context>
<context>
    <name>EditCaseDialog</name>
    <message>
        <source>Edit case details</source>
        <translation>Edit case details</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Save changes</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>Su&amp;mmary:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>Se&amp;verity:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priority:</translation>
    </message>
    <message>
        <source>Optional, digits only</source>
        <translation>Optional, digits only</translation>
    </message>
    <message>
        <source>LAPOR! tracking i&amp;d:</source>
        <translation>LAPOR! tracking i&amp;d:</translation>
    </message>
    <message>
        <source>Kecamatan:</source>
        <translation>Kecamatan:</translation>
    </message>
    <message>
        <source>Desa/Kelurahan:</source>
        <translation>Desa/Kelurahan:</translation>
    </message>
    <message>
        <source>Location details:</source>
        <translation>Location details:</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>C&amp;onfidential: mask the identity in lists</source>
        <translation>C&amp;onfidential: mask the identity in lists</translation>
    </message>
    <message>
        <source>&amp;Anonymous: remove the identity for good</source>
        <translation>&amp;Anonymous: remove the identity for good</translation>
    </message>
    <message>
        <source>The reporter&apos;s identity will be deleted from this case everywhere, and letters that named the reporter will be withheld. This cannot be undone.</source>
        <translation>The reporter&apos;s identity will be deleted from this case everywhere, and letters that named the reporter will be withheld. This cannot be undone.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>NIK:</source>
        <translation>NIK:</translation>
    </message>
    <message>
        <source>Phon&amp;e:</source>
        <translation>Phon&amp;e:</translation>
    </message>
    <message>
        <source>E-mai&amp;l:</source>
        <translation>E-mai&amp;l:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Choose a category from the list.</source>
        <translation>Choose a category from the list.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>EndOfDayDialog</name>
    <message>
        <source>Sync with the central server</source>
        <translation>Sync with the central server</translation>
    </message>
    <message>
        <source>End-of-day sync</source>
        <translation>End-of-day sync</translation>
    </message>
    <message>
        <source>Counting what will be sent…</source>
        <translation>Counting what will be sent…</translation>
    </message>
    <message>
        <source>Sync phase</source>
        <translation>Sync phase</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Sync progress</translation>
    </message>
    <message>
        <source>Sync result; activate a line to see its cases</source>
        <translation>Sync result; activate a line to see its cases</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>Stop after the current batch; the rest is sent next time</source>
        <translation>Stop after the current batch; the rest is sent next time</translation>
    </message>
    <message>
        <source>Show the &amp;cases</source>
        <translation>Show the &amp;cases</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Nothing waiting to be sent. A sync still receives changes.</source>
        <translation>Nothing waiting to be sent. A sync still receives changes.</translation>
    </message>
    <message>
        <source>To send: {cases}, {actions}, {files}.</source>
        <translation>To send: {cases}, {actions}, {files}.</translation>
    </message>
    <message numerus="yes">
        <source>%n new case(s)</source>
        <translation>
            <numerusform>%n new case</numerusform>
            <numerusform>%n new cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n action</numerusform>
            <numerusform>%n actions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n attachment</numerusform>
            <numerusform>%n attachments</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Stopping after the current batch…</translation>
    </message>
    <message>
        <source>{phase}: {done} of {total}</source>
        <translation>{phase}: {done} of {total}</translation>
    </message>
    <message>
        <source>{phase}: {done}</source>
        <translation>{phase}: {done}</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} of {total}</translation>
    </message>
    <message>
        <source>{done} so far</source>
        <translation>{done} so far</translation>
    </message>
    <message>
        <source>The sync did not finish.</source>
        <translation>The sync did not finish.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <source>Stopped. What was sent stays sent; the rest goes at the next sync.</source>
        <translation>Stopped. What was sent stays sent; the rest goes at the next sync.</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>Sync finished.</translation>
    </message>
    <message numerus="yes">
        <source>Sync finished; %n action(s) wait for the next sync.</source>
        <translation>
            <numerusform>Sync finished; %n action wait for the next sync.</numerusform>
            <numerusform>Sync finished; %n actions wait for the next sync.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Sync again</source>
        <translation>&amp;Sync again</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Print %n disposition sheet(s)…</source>
        <translation>
            <numerusform>&amp;Print %n disposition sheet…</numerusform>
            <numerusform>&amp;Print %n disposition sheets…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) sent</source>
        <translation>
            <numerusform>%n action sent</numerusform>
            <numerusform>%n actions sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) received</source>
        <translation>
            <numerusform>%n change received</numerusform>
            <numerusform>%n changes received</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new case(s) disposed to us</source>
        <translation>
            <numerusform>%n new case disposed to us</numerusform>
            <numerusform>%n new cases disposed to us</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other case(s) now held by us</source>
        <translation>
            <numerusform>%n other case now held by us</numerusform>
            <numerusform>%n other cases now held by us</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n status change(s) on cases we disposed elsewhere</source>
        <translation>
            <numerusform>%n status change on cases we disposed elsewhere</numerusform>
            <numerusform>%n status changes on cases we disposed elsewhere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) with a new sync conflict</source>
        <translation>
            <numerusform>%n case with a new sync conflict</numerusform>
            <numerusform>%n cases with a new sync conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) with a rejected action</source>
        <translation>
            <numerusform>%n case with a rejected action</numerusform>
            <numerusform>%n cases with a rejected action</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Connect to the central server</source>
        <translation>Connect to the central server</translation>
    </message>
    <message>
        <source>Set up this PC once, online, with the account the Kabupaten&apos;s administrator gave you. Your office&apos;s data comes from the server.</source>
        <translation type="vanished">Set up this PC once, online, with the account the Kabupaten&apos;s administrator gave you. Your office&apos;s data comes from the server.</translation>
    </message>
    <message>
        <source>Connect this PC once, online, with the account the Kabupaten&apos;s administrator gave you. The cases on this PC are kept and sent at the next sync.</source>
        <translation>Connect this PC once, online, with the account the Kabupaten&apos;s administrator gave you. The cases on this PC are kept and sent at the next sync.</translation>
    </message>
    <message>
        <source>&amp;Server address</source>
        <translation type="vanished">&amp;Server address</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation type="vanished">&amp;User name</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="vanished">&amp;Password</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connect</translation>
    </message>
    <message>
        <source>Fill in the server address, user name and password.</source>
        <translation type="vanished">Fill in the server address, user name and password.</translation>
    </message>
    <message>
        <source>Connecting failed: {error}</source>
        <translation type="vanished">Connecting failed: {error}</translation>
    </message>
</context>
<context>
    <name>EnrollForm</name>
    <message>
        <source>&amp;Server address</source>
        <translation>&amp;Server address</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Fill in the server address, user name and password.</source>
        <translation>Fill in the server address, user name and password.</translation>
    </message>
    <message>
        <source>Connecting failed: {error}</source>
        <translation>Connecting failed: {error}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>An unexpected error happened. Your data is safe. Please send the details to support.</source>
        <translation>An unexpected error happened. Your data is safe. Please send the details to support.</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend a deadline</source>
        <translation>Extend a deadline</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Extend</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Deadline:</translation>
    </message>
    <message>
        <source>working day(s)</source>
        <translation>working day(s)</translation>
    </message>
    <message>
        <source>Extend &amp;by:</source>
        <translation>Extend &amp;by:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>This case has no running deadline to extend.</source>
        <translation>This case has no running deadline to extend.</translation>
    </message>
    <message>
        <source>Now due: {due}</source>
        <translation>Now due: {due}</translation>
    </message>
    <message>
        <source>After the extension: {due}</source>
        <translation>After the extension: {due}</translation>
    </message>
    <message numerus="yes">
        <source>The rule allows at most %n extension day(s) in all.</source>
        <translation>
            <numerusform>The rule allows at most %n extension day in all.</numerusform>
            <numerusform>The rule allows at most %n extension days in all.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>1 — very poor</source>
        <translation>1 — very poor</translation>
    </message>
    <message>
        <source>2 — poor</source>
        <translation>2 — poor</translation>
    </message>
    <message>
        <source>3 — fair</source>
        <translation>3 — fair</translation>
    </message>
    <message>
        <source>4 — good</source>
        <translation>4 — good</translation>
    </message>
    <message>
        <source>5 — very good</source>
        <translation>5 — very good</translation>
    </message>
    <message>
        <source>Record reporter satisfaction</source>
        <translation>Record reporter satisfaction</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>&amp;Rating:</source>
        <translation>&amp;Rating:</translation>
    </message>
    <message>
        <source>&amp;Satisfied (beres)</source>
        <translation>&amp;Satisfied (beres)</translation>
    </message>
    <message>
        <source>N&amp;ot satisfied (belum beres)</source>
        <translation>N&amp;ot satisfied (belum beres)</translation>
    </message>
    <message>
        <source>The matter is:</source>
        <translation>The matter is:</translation>
    </message>
    <message>
        <source>What the reporter said</source>
        <translation>What the reporter said</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>&amp;What the reporter said:</source>
        <translation>&amp;What the reporter said:</translation>
    </message>
    <message>
        <source>What the reporter &amp;said:</source>
        <translation type="vanished">What the reporter &amp;said:</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>LAPOR Desktop — first start</source>
        <translation>LAPOR Desktop — first start</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>This is required.</source>
        <translation>This is required.</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <source>Forward to the competent agency</source>
        <translation>Forward to the competent agency</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>&amp;Agency:</source>
        <translation>&amp;Agency:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
</context>
<context>
    <name>HolidaysPage</name>
    <message>
        <source>national holiday</source>
        <translation>national holiday</translation>
    </message>
    <message>
        <source>collective leave (cuti bersama)</source>
        <translation>collective leave (cuti bersama)</translation>
    </message>
    <message>
        <source>local holiday</source>
        <translation>local holiday</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>Working-day calendar</translation>
    </message>
    <message>
        <source>Holidays of the year</source>
        <translation>Holidays of the year</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Hari Jadi Kabupaten</source>
        <translation type="vanished">Hari Jadi Kabupaten</translation>
    </message>
    <message>
        <source>A&amp;dd local holiday on the selected day</source>
        <translation>A&amp;dd local holiday on the selected day</translation>
    </message>
    <message>
        <source>Services stay open on this day</source>
        <translation>Services stay open on this day</translation>
    </message>
    <message>
        <source>Make the selected day a &amp;working day</source>
        <translation>Make the selected day a &amp;working day</translation>
    </message>
    <message>
        <source>Add a local holiday (libur daerah)</source>
        <translation>Add a local holiday (libur daerah)</translation>
    </message>
    <message>
        <source>Holiday &amp;name</source>
        <translation>Holiday &amp;name</translation>
    </message>
    <message>
        <source>Name of the local holiday</source>
        <translation>Name of the local holiday</translation>
    </message>
    <message>
        <source>Remove a holiday</source>
        <translation>Remove a holiday</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>Reason for removing the holiday</source>
        <translation>Reason for removing the holiday</translation>
    </message>
    <message>
        <source>{kind}, a working day here</source>
        <translation>{kind}, a working day here</translation>
    </message>
    <message>
        <source>{month}: {count} working days</source>
        <translation>{month}: {count} working days</translation>
    </message>
    <message>
        <source>{day}: {name} ({kind}), not a working day</source>
        <translation>{day}: {name} ({kind}), not a working day</translation>
    </message>
    <message>
        <source>{day}: {name}, declared a working day here</source>
        <translation>{day}: {name}, declared a working day here</translation>
    </message>
    <message>
        <source>{day}: weekend</source>
        <translation>{day}: weekend</translation>
    </message>
    <message>
        <source>{day}: working day</source>
        <translation>{day}: working day</translation>
    </message>
    <message>
        <source>Give the holiday a name.</source>
        <translation>Give the holiday a name.</translation>
    </message>
    <message>
        <source>This day is already a holiday.</source>
        <translation>This day is already a holiday.</translation>
    </message>
    <message>
        <source>Say why this day is a working day after all.</source>
        <translation>Say why this day is a working day after all.</translation>
    </message>
    <message>
        <source>This day is not a holiday.</source>
        <translation>This day is not a holiday.</translation>
    </message>
    <message>
        <source>Saving and recomputing deadlines…</source>
        <translation>Saving and recomputing deadlines…</translation>
    </message>
    <message numerus="yes">
        <source>Saved. %n open case(s) got a new deadline.</source>
        <translation>
            <numerusform>Saved. %n open case got a new deadline.</numerusform>
            <numerusform>Saved. %n open cases got a new deadline.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>New case</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Save the case (Ctrl+Enter)</source>
        <translation>Save the case (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>Complaint text as received</source>
        <translation>Complaint text as received</translation>
    </message>
    <message>
        <source>The original text cannot be changed after saving.</source>
        <translation>The original text cannot be changed after saving.</translation>
    </message>
    <message>
        <source>Te&amp;xt as received:</source>
        <translation>Te&amp;xt as received:</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Optional: a short summary or correction</source>
        <translation>Optional: a short summary or correction</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>Su&amp;mmary:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>C&amp;hannel:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Type to filter, e.g. bantuan</source>
        <translation>Type to filter, e.g. bantuan</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>Se&amp;verity:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priority:</translation>
    </message>
    <message>
        <source>&amp;Received at ({zone}):</source>
        <translation>&amp;Received at ({zone}):</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>Known</translation>
    </message>
    <message>
        <source>Incident date known</source>
        <translation>Incident date known</translation>
    </message>
    <message>
        <source>Incident date</source>
        <translation>Incident date</translation>
    </message>
    <message>
        <source>&amp;Incident date:</source>
        <translation>&amp;Incident date:</translation>
    </message>
    <message>
        <source>Optional, digits only</source>
        <translation>Optional, digits only</translation>
    </message>
    <message>
        <source>LAPOR! tracking i&amp;d:</source>
        <translation>LAPOR! tracking i&amp;d:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Kecamatan:</source>
        <translation>Kecamatan:</translation>
    </message>
    <message>
        <source>Desa/Kelurahan:</source>
        <translation>Desa/Kelurahan:</translation>
    </message>
    <message>
        <source>Location details:</source>
        <translation>Location details:</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>&amp;Anonymous: do not record the identity</source>
        <translation>&amp;Anonymous: do not record the identity</translation>
    </message>
    <message>
        <source>C&amp;onfidential: mask the identity in lists</source>
        <translation>C&amp;onfidential: mask the identity in lists</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>16 digits</source>
        <translation>16 digits</translation>
    </message>
    <message>
        <source>NIK:</source>
        <translation>NIK:</translation>
    </message>
    <message>
        <source>Phon&amp;e:</source>
        <translation>Phon&amp;e:</translation>
    </message>
    <message>
        <source>E-mai&amp;l:</source>
        <translation>E-mai&amp;l:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Attachments to add</source>
        <translation>Attachments to add</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>Add &amp;files…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Choose a category from the list.</source>
        <translation>Choose a category from the list.</translation>
    </message>
    <message>
        <source>The categories are still loading.</source>
        <translation>The categories are still loading.</translation>
    </message>
    <message>
        <source>Choose files to attach</source>
        <translation>Choose files to attach</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Needs information</source>
        <translation>Needs information</translation>
    </message>
    <message>
        <source>Disposed</source>
        <translation>Disposed</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Awaiting reporter</source>
        <translation>Awaiting reporter</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Closed (incomplete)</source>
        <translation>Closed (incomplete)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>SP4N-LAPOR!</source>
        <translation>SP4N-LAPOR!</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>Social media</translation>
    </message>
    <message>
        <source>Suggestion box</source>
        <translation>Suggestion box</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Aspiration</source>
        <translation>Aspiration</translation>
    </message>
    <message>
        <source>Information request</source>
        <translation>Information request</translation>
    </message>
    <message>
        <source>Whistle-blowing</source>
        <translation>Whistle-blowing</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>Status change</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>Forwarding</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>Final answer</source>
        <translation>Final answer</translation>
    </message>
    <message>
        <source>Deadline extension</source>
        <translation>Deadline extension</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>Conflict resolution</source>
        <translation>Conflict resolution</translation>
    </message>
    <message>
        <source>Register number</source>
        <translation>Register number</translation>
    </message>
    <message>
        <source>Contacting the server</source>
        <translation>Contacting the server</translation>
    </message>
    <message>
        <source>Updating categories, holidays and SLA rules</source>
        <translation>Updating categories, holidays and SLA rules</translation>
    </message>
    <message>
        <source>Reserving register numbers</source>
        <translation>Reserving register numbers</translation>
    </message>
    <message>
        <source>Sending attachments</source>
        <translation>Sending attachments</translation>
    </message>
    <message>
        <source>Receiving attachments</source>
        <translation>Receiving attachments</translation>
    </message>
    <message>
        <source>Sending cases and actions</source>
        <translation>Sending cases and actions</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>Receiving changes</translation>
    </message>
    <message>
        <source>Checking that both sides agree</source>
        <translation>Checking that both sides agree</translation>
    </message>
    <message>
        <source>satisfied (beres)</source>
        <translation>satisfied (beres)</translation>
    </message>
    <message>
        <source>not satisfied (belum beres)</source>
        <translation>not satisfied (belum beres)</translation>
    </message>
    <message>
        <source>Light / grievance (5 working days)</source>
        <translation>Light / grievance (5 working days)</translation>
    </message>
    <message>
        <source>No field check (14 working days)</source>
        <translation>No field check (14 working days)</translation>
    </message>
    <message>
        <source>Field check needed (60 working days)</source>
        <translation>Field check needed (60 working days)</translation>
    </message>
    <message>
        <source>Ordinary</source>
        <translation>Ordinary</translation>
    </message>
    <message>
        <source>Very urgent</source>
        <translation>Very urgent</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <source>Needs verification</source>
        <translation>Needs verification</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Disposed to us</source>
        <translation>Disposed to us</translation>
    </message>
    <message>
        <source>Waiting for the reporter</source>
        <translation>Waiting for the reporter</translation>
    </message>
    <message>
        <source>Needs completion</source>
        <translation>Needs completion</translation>
    </message>
    <message>
        <source>Monitored</source>
        <translation>Monitored</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>Letters</name>
    <message>
        <source>Disposition sheet (Lembar Disposisi)</source>
        <translation>Disposition sheet (Lembar Disposisi)</translation>
    </message>
    <message>
        <source>Blank disposition sheet, to fill in by hand</source>
        <translation>Blank disposition sheet, to fill in by hand</translation>
    </message>
    <message>
        <source>Response letter (Surat Tanggapan)</source>
        <translation>Response letter (Surat Tanggapan)</translation>
    </message>
    <message>
        <source>Response document without identity (for LAPOR!)</source>
        <translation>Response document without identity (for LAPOR!)</translation>
    </message>
    <message>
        <source>Forwarding letter (Surat Penerusan)</source>
        <translation>Forwarding letter (Surat Penerusan)</translation>
    </message>
    <message>
        <source>Request for missing data (Surat Permintaan Kelengkapan)</source>
        <translation>Request for missing data (Surat Permintaan Kelengkapan)</translation>
    </message>
    <message>
        <source>Receipt (Tanda Terima)</source>
        <translation>Receipt (Tanda Terima)</translation>
    </message>
    <message>
        <source>%1 number %2</source>
        <translation>%1 number %2</translation>
    </message>
    <message>
        <source>%1, stored copy (reprint).</source>
        <translation>%1, stored copy (reprint).</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) selected. Issue and print:</source>
        <translation>
            <numerusform>%n case selected. Issue and print:</numerusform>
            <numerusform>%n cases selected. Issue and print:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) issued and sent to the printer</source>
        <translation type="vanished">
            <numerusform>%n letter issued and sent to the printer</numerusform>
            <numerusform>%n letters issued and sent to the printer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) issued today.</source>
        <translation>
            <numerusform>%n letter issued today.</numerusform>
            <numerusform>%n letters issued today.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)).</source>
        <translation type="vanished">
            <numerusform>%n page).</numerusform>
            <numerusform>%n pages).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) issued and sent to the printer.</source>
        <translation>
            <numerusform>%n letter issued and sent to the printer.</numerusform>
            <numerusform>%n letters issued and sent to the printer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) in all.</source>
        <translation>
            <numerusform>%n page in all.</numerusform>
            <numerusform>%n pages in all.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Issue (takes a number)</source>
        <translation>&amp;Issue (takes a number)</translation>
    </message>
    <message>
        <source>&amp;Letter…</source>
        <translation>&amp;Letter…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Show / reprint</source>
        <translation>&amp;Show / reprint</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s letters (Surat hari ini)…</source>
        <translation>&amp;Today&apos;s letters (Surat hari ini)…</translation>
    </message>
    <message>
        <source>&amp;Void</source>
        <translation>&amp;Void</translation>
    </message>
    <message>
        <source>A response needs the final answer (Case → Give the final answer).</source>
        <translation>A response needs the final answer (Case → Give the final answer).</translation>
    </message>
    <message>
        <source>Already issued, not printed again:</source>
        <translation>Already issued, not printed again:</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Choose a letter first.</source>
        <translation>Choose a letter first.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>DRAFT preview: no number is taken until the letter is issued.</source>
        <translation>DRAFT preview: no number is taken until the letter is issued.</translation>
    </message>
    <message>
        <source>DRAFT — the letter number is waiting for the next sync</source>
        <translation>DRAFT — the letter number is waiting for the next sync</translation>
    </message>
    <message>
        <source>Disposition sheets of disposed cases</source>
        <translation>Disposition sheets of disposed cases</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Issued: %1.</source>
        <translation>Issued: %1.</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Letters a case already has are not issued again; reprint them from the case.</source>
        <translation>Letters a case already has are not issued again; reprint them from the case.</translation>
    </message>
    <message>
        <source>Letters of case %1</source>
        <translation>Letters of case %1</translation>
    </message>
    <message>
        <source>Letters of this case</source>
        <translation>Letters of this case</translation>
    </message>
    <message>
        <source>No letter number is left on this PC, so the letter was NOT issued: this is only a DRAFT without a number. Issue it again after the next sync.</source>
        <translation>No letter number is left on this PC, so the letter was NOT issued: this is only a DRAFT without a number. Issue it again after the next sync.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>One recipient per line; empty: no tembusan</source>
        <translation>One recipient per line; empty: no tembusan</translation>
    </message>
    <message>
        <source>Only for anonymous cases.</source>
        <translation>Only for anonymous cases.</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Paper:</translation>
    </message>
    <message>
        <source>Pending letters printed</source>
        <translation>Pending letters printed</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <source>Print letter</source>
        <translation>Print letter</translation>
    </message>
    <message>
        <source>Print pending letters</source>
        <translation>Print pending letters</translation>
    </message>
    <message>
        <source>Print pending letters of selected cases…</source>
        <translation>Print pending letters of selected cases…</translation>
    </message>
    <message>
        <source>Reason for voiding the selected letter</source>
        <translation>Reason for voiding the selected letter</translation>
    </message>
    <message>
        <source>Receipts (Tanda Terima)</source>
        <translation>Receipts (Tanda Terima)</translation>
    </message>
    <message>
        <source>Refused:</source>
        <translation>Refused:</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Save as P&amp;DF…</translation>
    </message>
    <message>
        <source>Save letter as PDF</source>
        <translation>Save letter as PDF</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>Sent %n page to the printer.</numerusform>
            <numerusform>Sent %n pages to the printer.</numerusform>
        </translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Tembusan recipients, one per line</source>
        <translation>Tembusan recipients, one per line</translation>
    </message>
    <message>
        <source>Tembusan:</source>
        <translation>Tembusan:</translation>
    </message>
    <message>
        <source>Text of the letter</source>
        <translation>Text of the letter</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>The case has no disposition yet; print the blank form instead.</source>
        <translation>The case has no disposition yet; print the blank form instead.</translation>
    </message>
    <message>
        <source>The case has no final answer recorded.</source>
        <translation>The case has no final answer recorded.</translation>
    </message>
    <message>
        <source>The case must be forwarded to the competent agency first.</source>
        <translation>The case must be forwarded to the competent agency first.</translation>
    </message>
    <message>
        <source>The case must be waiting for missing information.</source>
        <translation>The case must be waiting for missing information.</translation>
    </message>
    <message>
        <source>The reporter is anonymous: no letter can be addressed to them.</source>
        <translation>The reporter is anonymous: no letter can be addressed to them.</translation>
    </message>
    <message>
        <source>The reporter is anonymous: only the document without identity.</source>
        <translation>The reporter is anonymous: only the document without identity.</translation>
    </message>
    <message>
        <source>The reporter&apos;s name is not recorded.</source>
        <translation>The reporter&apos;s name is not recorded.</translation>
    </message>
    <message>
        <source>The text may be edited before issuing; the letterhead and signature are fixed.</source>
        <translation>The text may be edited before issuing; the letterhead and signature are fixed.</translation>
    </message>
    <message>
        <source>The text of the letter (editable)</source>
        <translation>The text of the letter (editable)</translation>
    </message>
    <message>
        <source>This letter has no free text.</source>
        <translation>This letter has no free text.</translation>
    </message>
    <message>
        <source>This letter is VOID.</source>
        <translation>This letter is VOID.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Today&apos;s letters</source>
        <translation>Today&apos;s letters</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Void: %1</source>
        <translation>Void: %1</translation>
    </message>
    <message>
        <source>Voided: %1.</source>
        <translation>Voided: %1.</translation>
    </message>
    <message>
        <source>Withheld: the reporter&apos;s identity was removed</source>
        <translation>Withheld: the reporter&apos;s identity was removed</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LAPOR Desktop main window</source>
        <translation>LAPOR Desktop main window</translation>
    </message>
    <message>
        <source>Work queues</source>
        <translation>Work queues</translation>
    </message>
    <message>
        <source>Search: register no., tracking id, name, phone, words (Ctrl+F)</source>
        <translation>Search: register no., tracking id, name, phone, words (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>Search cases</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>Show the queue again</source>
        <translation type="vanished">Show the queue again</translation>
    </message>
    <message>
        <source>Leave the list of cases from the sync</source>
        <translation type="vanished">Leave the list of cases from the sync</translation>
    </message>
    <message>
        <source>DEMO DATA — practice freely, nothing here is real</source>
        <translation>DEMO DATA — practice freely, nothing here is real</translation>
    </message>
    <message>
        <source>DEMO DATA</source>
        <translation>DEMO DATA</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n action waiting to be sent</numerusform>
            <numerusform>%n actions waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting to be sent</source>
        <translation>Nothing waiting to be sent</translation>
    </message>
    <message numerus="yes">
        <source>{title}: %n case(s). The queue and search are set aside.</source>
        <translation type="vanished">
            <numerusform>{title}: %n case. The queue and search are set aside.</numerusform>
            <numerusform>{title}: %n cases. The queue and search are set aside.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfficeFields</name>
    <message>
        <source>Dinas Sosial</source>
        <translation type="vanished">Dinas Sosial</translation>
    </message>
    <message>
        <source>Kabupaten Sumenep</source>
        <translation type="vanished">Kabupaten Sumenep</translation>
    </message>
    <message>
        <source>Jl. Trunojoyo No. 1</source>
        <translation type="vanished">Jl. Trunojoyo No. 1</translation>
    </message>
    <message>
        <source>Sumenep</source>
        <translation type="vanished">Sumenep</translation>
    </message>
    <message>
        <source>Office &amp;code</source>
        <translation>Office &amp;code</translation>
    </message>
    <message>
        <source>Office &amp;name</source>
        <translation>Office &amp;name</translation>
    </message>
    <message>
        <source>&amp;Regency or city government</source>
        <translation>&amp;Regency or city government</translation>
    </message>
    <message>
        <source>Classification code for &amp;letters</source>
        <translation>Classification code for &amp;letters</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <source>&amp;Postal code</source>
        <translation>&amp;Postal code</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>&amp;Website</translation>
    </message>
    <message>
        <source>C&amp;ity written on letters</source>
        <translation>C&amp;ity written on letters</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Time zone</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>No logo</translation>
    </message>
    <message>
        <source>Choose &amp;logo…</source>
        <translation>Choose &amp;logo…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Remove logo</translation>
    </message>
    <message>
        <source>Logo for the letterhead</source>
        <translation>Logo for the letterhead</translation>
    </message>
    <message>
        <source>Choose a logo image</source>
        <translation>Choose a logo image</translation>
    </message>
    <message>
        <source>Remove the logo</source>
        <translation>Remove the logo</translation>
    </message>
    <message>
        <source>Choose the office logo</source>
        <translation>Choose the office logo</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>Images ({patterns})</translation>
    </message>
</context>
<context>
    <name>OfficeForm</name>
    <message>
        <source>Use 1–20 capital letters, digits, &apos;-&apos; or &apos;_&apos;, for example DINSOS.</source>
        <translation>Use 1–20 capital letters, digits, &apos;-&apos; or &apos;_&apos;, for example DINSOS.</translation>
    </message>
    <message>
        <source>Enter the office&apos;s name.</source>
        <translation>Enter the office&apos;s name.</translation>
    </message>
    <message>
        <source>Enter the regency or city the office belongs to.</source>
        <translation>Enter the regency or city the office belongs to.</translation>
    </message>
    <message>
        <source>Choose WIB, WITA or WIT.</source>
        <translation>Choose WIB, WITA or WIT.</translation>
    </message>
    <message>
        <source>A NIP has exactly 18 digits (spaces are ignored).</source>
        <translation>A NIP has exactly 18 digits (spaces are ignored).</translation>
    </message>
    <message>
        <source>Enter an e-mail address such as pengaduan@dinsos.go.id.</source>
        <translation>Enter an e-mail address such as pengaduan@dinsos.go.id.</translation>
    </message>
    <message>
        <source>A postal code has 5 digits.</source>
        <translation>A postal code has 5 digits.</translation>
    </message>
    <message>
        <source>Use digits, spaces, &apos;+&apos;, &apos;-&apos; or brackets only.</source>
        <translation>Use digits, spaces, &apos;+&apos;, &apos;-&apos; or brackets only.</translation>
    </message>
    <message>
        <source>A web address has no spaces.</source>
        <translation>A web address has no spaces.</translation>
    </message>
    <message>
        <source>Each unit may be listed only once.</source>
        <translation>Each unit may be listed only once.</translation>
    </message>
    <message>
        <source>Choose a PNG, JPG, GIF or BMP image of at most 5 MB.</source>
        <translation>Choose a PNG, JPG, GIF or BMP image of at most 5 MB.</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Set up my office</source>
        <translation>Set up my office</translation>
    </message>
    <message>
        <source>Only the office code, name and regency are required now; complete the rest later in Settings. The letterhead and the head of office appear on letters.</source>
        <translation>Only the office code, name and regency are required now; complete the rest later in Settings. The letterhead and the head of office appear on letters.</translation>
    </message>
    <message>
        <source>One unit per line, for example:
Sekretariat
Bidang Rehabilitasi Sosial</source>
        <translation>One unit per line, for example:
Sekretariat
Bidang Rehabilitasi Sosial</translation>
    </message>
    <message>
        <source>Units of the office, one per line</source>
        <translation>Units of the office, one per line</translation>
    </message>
    <message>
        <source>Office and letterhead</source>
        <translation>Office and letterhead</translation>
    </message>
    <message>
        <source>Head of office (signs the letters)</source>
        <translation>Head of office (signs the letters)</translation>
    </message>
    <message>
        <source>Units of the office (disposition targets)</source>
        <translation>Units of the office (disposition targets)</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>Please correct the fields marked in red.</translation>
    </message>
    <message>
        <source>Creating the data of {office}…</source>
        <translation>Creating the data of {office}…</translation>
    </message>
    <message>
        <source>The office could not be set up: {error}</source>
        <translation>The office could not be set up: {error}</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Letter preview</source>
        <translation>Letter preview</translation>
    </message>
</context>
<context>
    <name>PreferencesFields</name>
    <message>
        <source>F4 (folio, 215 × 330 mm)</source>
        <translation>F4 (folio, 215 × 330 mm)</translation>
    </message>
    <message>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 mm)</translation>
    </message>
    <message>
        <source>S&amp;ync automatically every day at</source>
        <translation>S&amp;ync automatically every day at</translation>
    </message>
    <message>
        <source>Time of the automatic sync</source>
        <translation>Time of the automatic sync</translation>
    </message>
    <message>
        <source>Only while LAPOR Desktop is open and connected to a central server</source>
        <translation>Only while LAPOR Desktop is open and connected to a central server</translation>
    </message>
    <message>
        <source>The new language is used at once where possible; some menus change only after LAPOR Desktop is restarted.</source>
        <translation>The new language is used at once where possible; some menus change only after LAPOR Desktop is restarted.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Default &amp;paper size for letters</source>
        <translation>Default &amp;paper size for letters</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Hide Details...</source>
        <translation>Hide Details...</translation>
    </message>
    <message>
        <source>Show Details...</source>
        <translation>Show Details...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>&amp;No</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Yes</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abort</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>N&amp;o to All</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Restore Defaults</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Save All</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Yes to &amp;All</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copy &amp;Link Location</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Select All</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
</context>
<context>
    <name>RecapDialog</name>
    <message>
        <source>January</source>
        <translation>January</translation>
    </message>
    <message>
        <source>February</source>
        <translation>February</translation>
    </message>
    <message>
        <source>March</source>
        <translation>March</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>May</source>
        <translation>May</translation>
    </message>
    <message>
        <source>June</source>
        <translation>June</translation>
    </message>
    <message>
        <source>July</source>
        <translation>July</translation>
    </message>
    <message>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>October</source>
        <translation>October</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>December</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Excel (XLSX)</source>
        <translation>Excel (XLSX)</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Complaint agenda book</source>
        <translation>Complaint agenda book</translation>
    </message>
    <message>
        <source>Outgoing letters register</source>
        <translation>Outgoing letters register</translation>
    </message>
    <message>
        <source>Complaint handling report (ZI)</source>
        <translation>Complaint handling report (ZI)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Reporter satisfaction:</source>
        <translation>Reporter satisfaction:</translation>
    </message>
    <message>
        <source>Reopened:</source>
        <translation>Reopened:</translation>
    </message>
    <message>
        <source>Active operators:</source>
        <translation>Active operators:</translation>
    </message>
    <message>
        <source>Texts of the report</source>
        <translation>Texts of the report</translation>
    </message>
    <message>
        <source>Obstacles:</source>
        <translation>Obstacles:</translation>
    </message>
    <message>
        <source>Solutions:</source>
        <translation>Solutions:</translation>
    </message>
    <message>
        <source>Evaluation of the follow-up:</source>
        <translation>Evaluation of the follow-up:</translation>
    </message>
    <message>
        <source>Follow-up of the evaluation:</source>
        <translation>Follow-up of the evaluation:</translation>
    </message>
    <message>
        <source>Complaint recap</source>
        <translation>Complaint recap</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Whole Pemda (every office&apos;s cases)</source>
        <translation>&amp;Whole Pemda (every office&apos;s cases)</translation>
    </message>
    <message>
        <source>Headline numbers</source>
        <translation>Headline numbers</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Received:</translation>
    </message>
    <message>
        <source>Follow-up rate:</source>
        <translation>Follow-up rate:</translation>
    </message>
    <message>
        <source>Resolution rate:</source>
        <translation>Resolution rate:</translation>
    </message>
    <message>
        <source>Overdue complaints:</source>
        <translation>Overdue complaints:</translation>
    </message>
    <message>
        <source>Overdue now:</source>
        <translation type="vanished">Overdue now:</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>&amp;Calculate</source>
        <translation>&amp;Calculate</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Save…</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Open folder</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>the year {year}</source>
        <translation>the year {year}</translation>
    </message>
    <message>
        <source>{period} for the whole Pemda</source>
        <translation>{period} for the whole Pemda</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Reading the {kind} of {period}…</source>
        <translation>Reading the {kind} of {period}…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>{kind} of {period}: {count} entries, as of {when}.</source>
        <translation>{kind} of {period}: {count} entries, as of {when}.</translation>
    </message>
    <message>
        <source>{cases} ({deadlines} deadlines past due)</source>
        <translation>{cases} ({deadlines} deadlines past due)</translation>
    </message>
    <message>
        <source>no reporter rated yet</source>
        <translation>no reporter rated yet</translation>
    </message>
    <message>
        <source>average {average} of 5; {percent} satisfied ({count} of {rated})</source>
        <translation>average {average} of 5; {percent} satisfied ({count} of {rated})</translation>
    </message>
    <message>
        <source>{operators} ({percent} of offices active)</source>
        <translation>{operators} ({percent} of offices active)</translation>
    </message>
    <message>
        <source>Save the {kind}</source>
        <translation>Save the {kind}</translation>
    </message>
    <message>
        <source>Saving the {kind} of {period}…</source>
        <translation>Saving the {kind} of {period}…</translation>
    </message>
    <message>
        <source>Cancelled. No file was written.</source>
        <translation>Cancelled. No file was written.</translation>
    </message>
    <message>
        <source>Calculating the recap of {period}…</source>
        <translation>Calculating the recap of {period}…</translation>
    </message>
    <message>
        <source>Overdue (deadlines past due):</source>
        <translation type="vanished">Overdue (deadlines past due):</translation>
    </message>
    <message>
        <source>Recap of {period}, as of {when}.</source>
        <translation>Recap of {period}, as of {when}.</translation>
    </message>
    <message>
        <source>{percent} ({count} of {total})</source>
        <translation>{percent} ({count} of {total})</translation>
    </message>
    <message>
        <source>Save the complaint recap</source>
        <translation>Save the complaint recap</translation>
    </message>
    <message>
        <source>Saving the recap of {period}…</source>
        <translation>Saving the recap of {period}…</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Saved to {path}</translation>
    </message>
    <message>
        <source>The recap could not be saved in {folder}: {reason}. Nothing was written; choose another folder or close the file if another program has it open.</source>
        <translation>The recap could not be saved in {folder}: {reason}. Nothing was written; choose another folder or close the file if another program has it open.</translation>
    </message>
    <message>
        <source>The recap cannot be made: {reason}</source>
        <translation>The recap cannot be made: {reason}</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <source>Actions the server rejected</source>
        <translation>Actions the server rejected</translation>
    </message>
    <message>
        <source>The server refused these actions; the case shows the server&apos;s state. Do an action again from the case as it is now (when the rules allow it), or acknowledge it to remove it from this list.</source>
        <translation>The server refused these actions; the case shows the server&apos;s state. Do an action again from the case as it is now (when the rules allow it), or acknowledge it to remove it from this list.</translation>
    </message>
    <message>
        <source>Rejected actions</source>
        <translation>Rejected actions</translation>
    </message>
    <message>
        <source>&amp;Do it again from the current state</source>
        <translation>&amp;Do it again from the current state</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acknowledge</translation>
    </message>
    <message>
        <source>&amp;Show the case</source>
        <translation>&amp;Show the case</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The rules do not allow this action on the case as it is now.</source>
        <translation>The rules do not allow this action on the case as it is now.</translation>
    </message>
    <message>
        <source>Rejected action</source>
        <translation>Rejected action</translation>
    </message>
</context>
<context>
    <name>RejectedTableModel</name>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Server&apos;s reason</source>
        <translation>Server&apos;s reason</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <source>Complaint &amp;recap…</source>
        <translation>Complaint &amp;recap…</translation>
    </message>
    <message>
        <source>Received, followed up, resolved and overdue complaints of a month or year</source>
        <translation>Received, followed up, resolved and overdue complaints of a month or year</translation>
    </message>
    <message>
        <source>&amp;Agenda book and outgoing letters register…</source>
        <translation>&amp;Agenda book and outgoing letters register…</translation>
    </message>
    <message>
        <source>The complaints received and the letters issued in a month or year, to print</source>
        <translation>The complaints received and the letters issued in a month or year, to print</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Connect to the central server</source>
        <translation>Connect to the central server</translation>
    </message>
    <message>
        <source>Log in once, online, with the account the administrator gave you. Your office&apos;s name and code come from the server; complete the letterhead later in Settings.</source>
        <translation>Log in once, online, with the account the administrator gave you. Your office&apos;s name and code come from the server; complete the letterhead later in Settings.</translation>
    </message>
    <message>
        <source>This PC works on its own (not connected to a server).</source>
        <translation type="vanished">This PC works on its own (not connected to a server).</translation>
    </message>
    <message>
        <source>&amp;Connect to the central server…</source>
        <translation type="vanished">&amp;Connect to the central server…</translation>
    </message>
    <message>
        <source>This PC syncs with {server}. Connect again to change the user.</source>
        <translation type="vanished">This PC syncs with {server}. Connect again to change the user.</translation>
    </message>
</context>
<context>
    <name>ServerSettingsPage</name>
    <message>
        <source>This PC works on its own (not connected to a server).</source>
        <translation>This PC works on its own (not connected to a server).</translation>
    </message>
    <message>
        <source>&amp;Connect to the central server…</source>
        <translation>&amp;Connect to the central server…</translation>
    </message>
    <message>
        <source>Connect to the central server</source>
        <translation>Connect to the central server</translation>
    </message>
    <message>
        <source>This PC syncs with {server}. Connect again to change the user.</source>
        <translation>This PC syncs with {server}. Connect again to change the user.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Settings pages</translation>
    </message>
    <message>
        <source>Office and letterhead</source>
        <translation>Office and letterhead</translation>
    </message>
    <message>
        <source>Signatory</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <source>SLA rules</source>
        <translation>SLA rules</translation>
    </message>
    <message>
        <source>Language and paper</source>
        <translation type="vanished">Language and paper</translation>
    </message>
    <message>
        <source>Language, paper and sync</source>
        <translation>Language, paper and sync</translation>
    </message>
    <message>
        <source>Central server</source>
        <translation>Central server</translation>
    </message>
    <message>
        <source>Save the office, signatory, units, language and paper size</source>
        <translation>Save the office, signatory, units, language and paper size</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the fields marked in red.</source>
        <translation>Nothing was saved. Please correct the fields marked in red.</translation>
    </message>
    <message numerus="yes">
        <source>Saved. %n open case(s) got a new deadline.</source>
        <translation>
            <numerusform>Saved. %n open case got a new deadline.</numerusform>
            <numerusform>Saved. %n open cases got a new deadline.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>The office code cannot change once cases are registered.</source>
        <translation>The office code cannot change once cases are registered.</translation>
    </message>
    <message>
        <source>Nothing was saved: {error}</source>
        <translation>Nothing was saved: {error}</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>Nothing was saved.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Close Settings and discard the changes you have not saved?</source>
        <translation>Close Settings and discard the changes you have not saved?</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
</context>
<context>
    <name>SignatoryFields</name>
    <message>
        <source>Drs. Ahmad Fauzi, M.Si.</source>
        <translation type="vanished">Drs. Ahmad Fauzi, M.Si.</translation>
    </message>
    <message>
        <source>Pembina Utama Muda (IV/c)</source>
        <translation type="vanished">Pembina Utama Muda (IV/c)</translation>
    </message>
    <message>
        <source>Kepala Dinas Sosial</source>
        <translation type="vanished">Kepala Dinas Sosial</translation>
    </message>
    <message>
        <source>Head of office (name with &amp;degrees)</source>
        <translation>Head of office (name with &amp;degrees)</translation>
    </message>
    <message>
        <source>N&amp;IP (18 digits)</source>
        <translation>N&amp;IP (18 digits)</translation>
    </message>
    <message>
        <source>Rank and grade (pan&amp;gkat/golongan)</source>
        <translation>Rank and grade (pan&amp;gkat/golongan)</translation>
    </message>
    <message>
        <source>&amp;Position (jabatan)</source>
        <translation>&amp;Position (jabatan)</translation>
    </message>
</context>
<context>
    <name>SlaPage</name>
    <message>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>First follow-up</source>
        <translation>First follow-up</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Automatic closing</source>
        <translation>Automatic closing</translation>
    </message>
    <message>
        <source>Waiting for the reporter&apos;s data</source>
        <translation>Waiting for the reporter&apos;s data</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>working days</translation>
    </message>
    <message>
        <source>calendar days</source>
        <translation>calendar days</translation>
    </message>
    <message>
        <source>SLA rules</source>
        <translation>SLA rules</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Counted in</source>
        <translation>Counted in</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Deadlines follow these rules. They come with LAPOR Desktop and change only with a new version or from the central server.</source>
        <translation>Deadlines follow these rules. They come with LAPOR Desktop and change only with a new version or from the central server.</translation>
    </message>
    <message>
        <source>{description}
Legal basis: {basis}</source>
        <translation>{description}
Legal basis: {basis}</translation>
    </message>
    <message>
        <source>all cases</source>
        <translation>all cases</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <source>A sync is already running for this data. Wait for it to finish.</source>
        <translation>A sync is already running for this data. Wait for it to finish.</translation>
    </message>
    <message>
        <source>Nothing on this PC was lost; the next sync continues where this one stopped.</source>
        <translation>Nothing on this PC was lost; the next sync continues where this one stopped.</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://.</source>
        <translation>The server address must start with http:// or https://.</translation>
    </message>
    <message>
        <source>The server could not be reached. Check the network connection (and the server address in Settings), then try again.</source>
        <translation>The server could not be reached. Check the network connection (and the server address in Settings), then try again.</translation>
    </message>
    <message>
        <source>The server no longer accepts this PC&apos;s login. Connect to the server again (File → Connect to the central server…) with your user name and password.</source>
        <translation type="vanished">The server no longer accepts this PC&apos;s login. Connect to the server again (File → Connect to the central server…) with your user name and password.</translation>
    </message>
    <message>
        <source>The server no longer accepts this PC&apos;s login. Connect to the server again (Sync → Connect to the central server…) with your user name and password.</source>
        <translation>The server no longer accepts this PC&apos;s login. Connect to the server again (Sync → Connect to the central server…) with your user name and password.</translation>
    </message>
    <message>
        <source>The server refused the request: {message}</source>
        <translation>The server refused the request: {message}</translation>
    </message>
    <message>
        <source>The server sent an answer that is not valid; nothing of it was applied.</source>
        <translation>The server sent an answer that is not valid; nothing of it was applied.</translation>
    </message>
    <message>
        <source>The server uses another version of the sync protocol: update the application (perbarui aplikasi), then sync again.</source>
        <translation>The server uses another version of the sync protocol: update the application (perbarui aplikasi), then sync again.</translation>
    </message>
    <message>
        <source>The user name or password is wrong. Check them and try again.</source>
        <translation>The user name or password is wrong. Check them and try again.</translation>
    </message>
    <message>
        <source>This PC is connected to the server under another user, and its login is not on this PC any more. Ask that user to log in here, or ask the administrator to release this PC (lapor-server release-device). The data on this PC is kept.</source>
        <translation>This PC is connected to the server under another user, and its login is not on this PC any more. Ask that user to log in here, or ask the administrator to release this PC (lapor-server release-device). The data on this PC is kept.</translation>
    </message>
    <message>
        <source>This PC is not connected to a central server yet.</source>
        <translation>This PC is not connected to a central server yet.</translation>
    </message>
    <message>
        <source>This PC may no longer sync with the server. Ask the administrator. The data on this PC is kept.</source>
        <translation>This PC may no longer sync with the server. Ask the administrator. The data on this PC is kept.</translation>
    </message>
    <message>
        <source>This user belongs to another office than the data on this PC. Log in with a user of this office.</source>
        <translation>This user belongs to another office than the data on this PC. Log in with a user of this office.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync state</source>
        <translation>Sync state</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Sync with the central server</source>
        <translation>Sync with the central server</translation>
    </message>
    <message>
        <source>End of day: send and receive (F9)</source>
        <translation>End of day: send and receive (F9)</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <source>&amp;Sync now (end of day)…</source>
        <translation>&amp;Sync now (end of day)…</translation>
    </message>
    <message>
        <source>&amp;Connect to the central server…</source>
        <translation>&amp;Connect to the central server…</translation>
    </message>
    <message>
        <source>Resolve a sync &amp;conflict of this case…</source>
        <translation>Resolve a sync &amp;conflict of this case…</translation>
    </message>
    <message>
        <source>&amp;Rejected actions…</source>
        <translation>&amp;Rejected actions…</translation>
    </message>
    <message>
        <source>Show cases with sync conflicts</source>
        <translation>Show cases with sync conflicts</translation>
    </message>
    <message>
        <source>&amp;Export changes to a file (no connection)…</source>
        <translation>&amp;Export changes to a file (no connection)…</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n action waiting to be sent</numerusform>
            <numerusform>%n actions waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting to be sent</source>
        <translation>Nothing waiting to be sent</translation>
    </message>
    <message>
        <source>not connected to a central server</source>
        <translation>not connected to a central server</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) not yet sent</source>
        <translation>
            <numerusform>%n action not yet sent</numerusform>
            <numerusform>%n actions not yet sent</numerusform>
        </translation>
    </message>
    <message>
        <source>synced</source>
        <translation>synced</translation>
    </message>
    <message numerus="yes">
        <source>%n open conflict(s)</source>
        <translation>
            <numerusform>%n open conflict</numerusform>
            <numerusform>%n open conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected action(s)</source>
        <translation>
            <numerusform>%n rejected action</numerusform>
            <numerusform>%n rejected actions</numerusform>
        </translation>
    </message>
    <message>
        <source>last sync {when}</source>
        <translation>last sync {when}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>never synced</translation>
    </message>
    <message>
        <source>the last sync failed</source>
        <translation>the last sync failed</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Syncing: {phase}…</source>
        <translation>Syncing: {phase}…</translation>
    </message>
    <message>
        <source>Automatic sync failed: {why}</source>
        <translation>Automatic sync failed: {why}</translation>
    </message>
    <message>
        <source>Automatic sync done: {sent} sent, {received} received.</source>
        <translation>Automatic sync done: {sent} sent, {received} received.</translation>
    </message>
    <message>
        <source>Export changes to a file</source>
        <translation>Export changes to a file</translation>
    </message>
    <message>
        <source>LAPOR changes (*{suffix})</source>
        <translation>LAPOR changes (*{suffix})</translation>
    </message>
    <message>
        <source>{ops} change(s) and {files} attachment(s) were written to {path}.

Take this file to the central server&apos;s admin (Diskominfo) to import. The changes also stay waiting on this PC: the next sync online sends them, and the server, which already has them, applies nothing twice.</source>
        <translation>{ops} change(s) and {files} attachment(s) were written to {path}.

Take this file to the central server&apos;s admin (Diskominfo) to import. The changes also stay waiting on this PC: the next sync online sends them, and the server, which already has them, applies nothing twice.</translation>
    </message>
    <message>
        <source>{count} attachment(s) are missing on this PC; the actions that need them will wait until this PC syncs online.</source>
        <translation>{count} attachment(s) are missing on this PC; the actions that need them will wait until this PC syncs online.</translation>
    </message>
    <message>
        <source>Nothing was written: {reason}</source>
        <translation>Nothing was written: {reason}</translation>
    </message>
    <message>
        <source>Connected to {server} for {office}.</source>
        <translation>Connected to {server} for {office}.</translation>
    </message>
</context>
<context>
    <name>TextActionDialog</name>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
</context>
<context>
    <name>UnitsEditor</name>
    <message>
        <source>Units of the office</source>
        <translation>Units of the office</translation>
    </message>
    <message>
        <source>Bidang Perlindungan dan Jaminan Sosial</source>
        <translation type="vanished">Bidang Perlindungan dan Jaminan Sosial</translation>
    </message>
    <message>
        <source>Name of a new unit</source>
        <translation>Name of a new unit</translation>
    </message>
    <message>
        <source>&amp;Add unit</source>
        <translation>&amp;Add unit</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>Re&amp;name</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Re&amp;move</translation>
    </message>
    <message>
        <source>Cases are disposed to these units. Renaming or removing a unit changes only future dispositions; earlier ones keep the name they were written with.</source>
        <translation>Cases are disposed to these units. Renaming or removing a unit changes only future dispositions; earlier ones keep the name they were written with.</translation>
    </message>
    <message>
        <source>“{unit}” is already in the list.</source>
        <translation>“{unit}” is already in the list.</translation>
    </message>
</context>
</TS>

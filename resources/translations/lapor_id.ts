<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id" sourcelanguage="en">
<context>
    <name>ActionDialogs</name>
    <message>
        <source>Verification and disposition</source>
        <translation>Verifikasi dan disposisi</translation>
    </message>
    <message>
        <source>First follow-up</source>
        <translation>Tindak lanjut pertama</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <source>Automatic closure</source>
        <translation>Penutupan otomatis</translation>
    </message>
    <message>
        <source>Reporter completing the data</source>
        <translation>Pelapor melengkapi data</translation>
    </message>
    <message>
        <source>Request missing information</source>
        <translation>Minta kelengkapan data</translation>
    </message>
    <message>
        <source>Request information</source>
        <translation>Minta kelengkapan</translation>
    </message>
    <message>
        <source>What is &amp;missing:</source>
        <translation>Data yang &amp;kurang:</translation>
    </message>
    <message>
        <source>The deadlines pause while the reporter completes the data. The reporter has 30 days.</source>
        <translation>Batas waktu dijeda selama pelapor melengkapi data. Pelapor diberi waktu 30 hari.</translation>
    </message>
    <message>
        <source>Information received</source>
        <translation>Kelengkapan diterima</translation>
    </message>
    <message>
        <source>Resume the case</source>
        <translation>Lanjutkan pengaduan</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Catatan:</translation>
    </message>
    <message>
        <source>The reporter completed the data; the deadlines run again.</source>
        <translation>Pelapor telah melengkapi data; batas waktu berjalan kembali.</translation>
    </message>
    <message>
        <source>Resolve the case</source>
        <translation>Selesaikan pengaduan</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Selesaikan</translation>
    </message>
    <message>
        <source>The reporter accepted the answer, or the receiving agency confirmed it.</source>
        <translation>Pelapor menerima tanggapan, atau instansi penerima telah mengonfirmasinya.</translation>
    </message>
    <message>
        <source>Reopen the case</source>
        <translation>Buka kembali pengaduan</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Buka kembali</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Alasan:</translation>
    </message>
    <message>
        <source>The case goes back to follow-up and the resolution deadline restarts.</source>
        <translation>Pengaduan kembali ke tahap tindak lanjut dan batas waktu penyelesaian dihitung ulang.</translation>
    </message>
    <message>
        <source>Cancel the case</source>
        <translation>Batalkan pengaduan</translation>
    </message>
    <message>
        <source>A cancelled case stays in the register with its reason.</source>
        <translation>Pengaduan yang dibatalkan tetap tercatat dalam register beserta alasannya.</translation>
    </message>
    <message>
        <source>Close as incomplete</source>
        <translation>Tutup karena tidak lengkap</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>Tutup pengaduan</translation>
    </message>
    <message>
        <source>The reporter did not complete the data in time.</source>
        <translation>Pelapor tidak melengkapi data dalam batas waktu.</translation>
    </message>
    <message>
        <source>Record a follow-up</source>
        <translation>Catat tindak lanjut</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Catat</translation>
    </message>
    <message>
        <source>What was &amp;done:</source>
        <translation>Tindakan yang &amp;dilakukan:</translation>
    </message>
    <message>
        <source>Give the final answer</source>
        <translation>Berikan tanggapan akhir</translation>
    </message>
    <message>
        <source>Give the answer</source>
        <translation>Berikan tanggapan</translation>
    </message>
    <message>
        <source>&amp;Answer to the reporter:</source>
        <translation>&amp;Tanggapan kepada pelapor:</translation>
    </message>
    <message>
        <source>The case then waits 10 working days for the reporter&apos;s reply.</source>
        <translation>Selanjutnya pengaduan menunggu balasan pelapor selama 10 hari kerja.</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Tambah catatan</translation>
    </message>
    <message>
        <source>Add the note</source>
        <translation>Simpan catatan</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <source>Archive the case</source>
        <translation>Arsipkan pengaduan</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arsipkan</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Alasan:</translation>
    </message>
    <message>
        <source>Optional: register no. of the original</source>
        <translation>Opsional: nomor registrasi pengaduan asli</translation>
    </message>
    <message>
        <source>&amp;Duplicate of:</source>
        <translation>&amp;Duplikat dari:</translation>
    </message>
</context>
<context>
    <name>AttachDialog</name>
    <message>
        <source>Attach a file</source>
        <translation>Lampirkan berkas</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Lampirkan</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Pilih…</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>Pilih berkas</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Berkas:</translation>
    </message>
    <message>
        <source>Choose a file to attach</source>
        <translation>Pilih berkas yang akan dilampirkan</translation>
    </message>
</context>
<context>
    <name>BulkResolveDialog</name>
    <message numerus="yes">
        <source>Resolve %n selected case(s)</source>
        <translation>
            <numerusform>Selesaikan %n pengaduan terpilih</numerusform>
        </translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Selesaikan</translation>
    </message>
    <message>
        <source>Each case is resolved on its own; cases that cannot be resolved now are listed afterwards and stay as they are.</source>
        <translation>Setiap pengaduan diselesaikan satu per satu; pengaduan yang belum dapat diselesaikan sekarang akan ditampilkan sesudahnya dan tidak diubah.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opsional</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Catatan:</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>&amp;Verify and dispose…</source>
        <translation>&amp;Verifikasi dan disposisi…</translation>
    </message>
    <message>
        <source>Request &amp;missing information…</source>
        <translation>Minta &amp;kelengkapan data…</translation>
    </message>
    <message>
        <source>Information &amp;received…</source>
        <translation>Kelengkapan &amp;diterima…</translation>
    </message>
    <message>
        <source>Forward to the competent a&amp;gency…</source>
        <translation>Te&amp;ruskan ke instansi berwenang…</translation>
    </message>
    <message>
        <source>Arc&amp;hive…</source>
        <translation>&amp;Arsipkan…</translation>
    </message>
    <message>
        <source>Record a &amp;follow-up…</source>
        <translation>Catat tindak &amp;lanjut…</translation>
    </message>
    <message>
        <source>Give the final &amp;answer…</source>
        <translation>Berikan ta&amp;nggapan akhir…</translation>
    </message>
    <message>
        <source>Re&amp;solve…</source>
        <translation>&amp;Selesaikan…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>B&amp;uka kembali…</translation>
    </message>
    <message>
        <source>Record reporter feed&amp;back…</source>
        <translation>Catat k&amp;epuasan pelapor…</translation>
    </message>
    <message>
        <source>Close as &amp;incomplete…</source>
        <translation>&amp;Tutup karena tidak lengkap…</translation>
    </message>
    <message>
        <source>&amp;Cancel the case…</source>
        <translation>&amp;Batalkan pengaduan…</translation>
    </message>
    <message>
        <source>&amp;Extend a deadline…</source>
        <translation>&amp;Perpanjang batas waktu…</translation>
    </message>
    <message>
        <source>Add a &amp;note…</source>
        <translation>Tambah &amp;catatan…</translation>
    </message>
    <message>
        <source>Edit case &amp;details…</source>
        <translation>&amp;Ubah data pengaduan…</translation>
    </message>
    <message>
        <source>Attach a fi&amp;le…</source>
        <translation>La&amp;mpirkan berkas…</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>Pengaduan &amp;baru…</translation>
    </message>
    <message>
        <source>Dis&amp;pose selected…</source>
        <translation>Disposisikan yan&amp;g dipilih…</translation>
    </message>
    <message>
        <source>Resolve selec&amp;ted…</source>
        <translation>Selesaikan yang d&amp;ipilih…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) done.</source>
        <translation>
            <numerusform>%n pengaduan selesai diproses.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) could not be changed:</source>
        <translation>
            <numerusform>%n pengaduan tidak dapat diubah:</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk action finished</source>
        <translation>Tindakan massal selesai</translation>
    </message>
    <message numerus="yes">
        <source>Case {number} was saved, but %n attachment(s) could not be added:</source>
        <translation>
            <numerusform>Pengaduan {number} sudah disimpan, tetapi %n lampiran tidak dapat ditambahkan:</numerusform>
        </translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Lampiran</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <source>Show the queue again</source>
        <translation>Kembali ke antrean</translation>
    </message>
    <message>
        <source>Leave the list of cases from the sync</source>
        <translation>Tinggalkan daftar pengaduan dari sinkronisasi</translation>
    </message>
    <message numerus="yes">
        <source>{title}: %n case(s). The queue and search are set aside.</source>
        <translation>
            <numerusform>{title}: %n pengaduan. Antrean dan pencarian dikesampingkan.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseRows</name>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n belum terkirim</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n hari kerja lagi</numerusform>
        </translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>konflik</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>jatuh tempo hari ini</translation>
    </message>
    <message>
        <source>late</source>
        <translation>terlambat</translation>
    </message>
    <message numerus="yes">
        <source>late by %n working day(s)</source>
        <translation>
            <numerusform>terlambat %n HK</numerusform>
        </translation>
    </message>
    <message>
        <source>paused (waiting for the reporter)</source>
        <translation>dijeda (menunggu pelapor)</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>ditolak</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Register no.</source>
        <translation>No. Registrasi</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Ditangani</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>Batas waktu</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sinkron</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Select a case</source>
        <translation>Pilih pengaduan</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>Rincian pengaduan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Tingkat</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Ditangani oleh</translation>
    </message>
    <message>
        <source>(monitored, read-only)</source>
        <translation>(dipantau, hanya baca)</translation>
    </message>
    <message>
        <source>LAPOR! tracking id</source>
        <translation>Nomor tracking LAPOR!</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>anonim</translation>
    </message>
    <message>
        <source>(confidential)</source>
        <translation>(rahasia)</translation>
    </message>
    <message>
        <source>Forwarded to</source>
        <translation>Diteruskan ke</translation>
    </message>
    <message>
        <source>Reporter satisfaction</source>
        <translation>Kepuasan pelapor</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>dijeda</translation>
    </message>
    <message numerus="yes">
        <source>extended by %n day(s)</source>
        <translation>
            <numerusform>diperpanjang %n hari</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) not yet sent to the server</source>
        <translation>
            <numerusform>%n tindakan belum dikirim ke server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open sync conflict(s)</source>
        <translation>
            <numerusform>%n konflik sinkronisasi terbuka</numerusform>
        </translation>
    </message>
    <message>
        <source>{field}: changed by {actor} ({office}) on {when}</source>
        <translation>{field}: diubah oleh {actor} ({office}) pada {when}</translation>
    </message>
    <message>
        <source>The server rejected an action ({action}, {when}): {reason}</source>
        <translation>Server menolak sebuah tindakan ({action}, {when}): {reason}</translation>
    </message>
    <message>
        <source>Sync → Rejected actions… to do it again or acknowledge it</source>
        <translation>Sinkronisasi → Tindakan yang ditolak… untuk melakukannya lagi atau menandainya sudah dibaca</translation>
    </message>
    <message>
        <source>Monitored: held by {office}. Its progress arrives with each sync; this office can read it but not change it.</source>
        <translation>Dipantau: dipegang oleh {office}. Perkembangannya datang setiap sinkronisasi; kantor ini dapat membacanya tetapi tidak mengubahnya.</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <source>Complaint as received</source>
        <translation>Isi pengaduan sesuai yang diterima</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>Batas waktu</translation>
    </message>
    <message>
        <source>Dispositions</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <source>Final answer</source>
        <translation>Tanggapan akhir</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <source>resolve…</source>
        <translation>selesaikan…</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>Welcome to LAPOR Desktop</source>
        <translation>Selamat datang di LAPOR Desktop</translation>
    </message>
    <message>
        <source>This computer has no complaint data yet. What would you like to do?</source>
        <translation>Komputer ini belum memiliki data pengaduan. Apa yang ingin Anda lakukan?</translation>
    </message>
    <message>
        <source>&amp;Set up my office</source>
        <translation>&amp;Siapkan data instansi saya</translation>
    </message>
    <message>
        <source>Enter your office&apos;s name, letterhead, head of office and units. You can change all of it later in Settings.</source>
        <translation>Isikan nama instansi, kop surat, kepala instansi, dan unit kerja. Semuanya dapat diubah kemudian di Pengaturan.</translation>
    </message>
    <message>
        <source>&amp;Connect to the central server</source>
        <translation>&amp;Hubungkan ke server pusat</translation>
    </message>
    <message>
        <source>Your Kabupaten runs a LAPOR central server and gave you an account: this PC gets your office&apos;s profile from it and syncs at the end of each day.</source>
        <translation>Kabupaten Anda menjalankan server pusat LAPOR dan memberi Anda akun: PC ini mengambil profil kantor Anda dari server itu dan bersinkronisasi setiap akhir hari.</translation>
    </message>
    <message>
        <source>&amp;Try demo data</source>
        <translation>&amp;Coba data demo</translation>
    </message>
    <message>
        <source>Practise with {count} realistic complaints kept in a separate folder. Nothing in it is real, it is never sent anywhere, and your office&apos;s data is not touched.</source>
        <translation>Berlatih dengan {count} contoh pengaduan yang disimpan di folder terpisah. Isinya tidak nyata, tidak pernah dikirim ke mana pun, dan data instansi Anda tidak tersentuh.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Sync conflict — {number}</source>
        <translation>Konflik sinkronisasi — {number}</translation>
    </message>
    <message>
        <source>Field “{field}” of {number} was changed in two places.</source>
        <translation>Isian “{field}” pada {number} diubah di dua tempat.</translation>
    </message>
    <message>
        <source>Original (before both changes)</source>
        <translation>Semula (sebelum kedua perubahan)</translation>
    </message>
    <message>
        <source>Not applied (ours): {actor}, {office}, {when}</source>
        <translation>Tidak diterapkan (milik kita): {actor}, {office}, {when}</translation>
    </message>
    <message>
        <source>In the case now (theirs)</source>
        <translation>Di pengaduan sekarang (milik mereka)</translation>
    </message>
    <message>
        <source>Or write the &amp;new value:</source>
        <translation>Atau tulis &amp;nilai baru:</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Nilai baru</translation>
    </message>
    <message>
        <source>Keep what the case &amp;holds</source>
        <translation>Pertahankan isi &amp;pengaduan</translation>
    </message>
    <message>
        <source>Take the &amp;other change</source>
        <translation>Ambil perubahan &amp;lain</translation>
    </message>
    <message>
        <source>Use the new &amp;value</source>
        <translation>Pakai &amp;nilai baru</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Only the holder office ({office}) or a coordinator can resolve it.</source>
        <translation>Hanya kantor pemegang ({office}) atau koordinator yang dapat menyelesaikannya.</translation>
    </message>
    <message>
        <source>The choice is sent at the next sync and closes the conflict everywhere.</source>
        <translation>Pilihan ini dikirim pada sinkronisasi berikutnya dan menutup konflik di semua tempat.</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>Try demo data</source>
        <translation>Coba data demo</translation>
    </message>
    <message>
        <source>The demo data is kept in {folder}, apart from your office&apos;s data.</source>
        <translation>Data demo disimpan di {folder}, terpisah dari data instansi Anda.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <source>Creating {count} practice complaints. This takes a few seconds…</source>
        <translation>Membuat {count} pengaduan latihan. Proses ini memerlukan beberapa detik…</translation>
    </message>
    <message>
        <source>Cancelled: no demo data was kept.</source>
        <translation>Dibatalkan: tidak ada data demo yang disimpan.</translation>
    </message>
    <message>
        <source>The demo data is ready.</source>
        <translation>Data demo sudah siap.</translation>
    </message>
    <message>
        <source>The demo data could not be created: {error}</source>
        <translation>Data demo tidak dapat dibuat: {error}</translation>
    </message>
</context>
<context>
    <name>DisposeDialog</name>
    <message numerus="yes">
        <source>Dispose %n selected case(s)</source>
        <translation>
            <numerusform>Disposisikan %n pengaduan terpilih</numerusform>
        </translation>
    </message>
    <message>
        <source>Verify and dispose</source>
        <translation>Verifikasi dan disposisi</translation>
    </message>
    <message>
        <source>Dispose</source>
        <translation>Disposisikan</translation>
    </message>
    <message>
        <source>To a &amp;unit or person of this office</source>
        <translation>Ke &amp;unit atau pegawai di instansi ini</translation>
    </message>
    <message>
        <source>To &amp;another office (OPD)</source>
        <translation>Ke OPD &amp;lain</translation>
    </message>
    <message>
        <source>U&amp;nit:</source>
        <translation>U&amp;nit:</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Pegawai:</translation>
    </message>
    <message>
        <source>Office code, for example DINPU</source>
        <translation>Kode OPD, misalnya DINPU</translation>
    </message>
    <message>
        <source>&amp;Office code:</source>
        <translation>Kode &amp;OPD:</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Instruksi</translation>
    </message>
    <message>
        <source>&amp;Sifat:</source>
        <translation>&amp;Sifat:</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opsional</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>&amp;Catatan:</translation>
    </message>
    <message>
        <source>Computing the deadline…</source>
        <translation>Menghitung batas waktu…</translation>
    </message>
    <message>
        <source>First follow-up deadline</source>
        <translation>Batas waktu tindak lanjut pertama</translation>
    </message>
    <message>
        <source>First follow-up due: {due}</source>
        <translation>Tindak lanjut pertama paling lambat: {due}</translation>
    </message>
    <message>
        <source>Write the code of the office.</source>
        <translation>Tuliskan kode OPD.</translation>
    </message>
    <message>
        <source>That is this office; choose a unit or a person instead.</source>
        <translation>Itu adalah instansi ini sendiri; pilih unit atau pegawai.</translation>
    </message>
    <message>
        <source>Choose a unit or write a person.</source>
        <translation>Pilih unit atau tuliskan nama pegawai.</translation>
    </message>
</context>
<context>
    <name>EditCaseDialog</name>
    <message>
        <source>Edit case details</source>
        <translation>Ubah data pengaduan</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Simpan perubahan</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Judul:</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>&amp;Ringkasan:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>Ka&amp;tegori:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>J&amp;enis:</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>T&amp;ingkat:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Prioritas:</translation>
    </message>
    <message>
        <source>Optional, digits only</source>
        <translation>Opsional, hanya angka</translation>
    </message>
    <message>
        <source>LAPOR! tracking i&amp;d:</source>
        <translation>N&amp;omor tracking LAPOR!:</translation>
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
        <translation>Rincian lokasi:</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <source>C&amp;onfidential: mask the identity in lists</source>
        <translation>Ra&amp;hasia: identitas disamarkan di daftar</translation>
    </message>
    <message>
        <source>&amp;Anonymous: remove the identity for good</source>
        <translation>&amp;Anonim: hapus identitas untuk selamanya</translation>
    </message>
    <message>
        <source>The reporter&apos;s identity will be deleted from this case everywhere, and letters that named the reporter will be withheld. This cannot be undone.</source>
        <translation>Identitas pelapor akan dihapus dari pengaduan ini di mana pun, dan surat yang menyebut nama pelapor akan ditahan. Ini tidak dapat dibatalkan.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <source>NIK:</source>
        <translation>NIK:</translation>
    </message>
    <message>
        <source>Phon&amp;e:</source>
        <translation>Tel&amp;epon:</translation>
    </message>
    <message>
        <source>E-mai&amp;l:</source>
        <translation>E&amp;mail:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Alamat:</translation>
    </message>
    <message>
        <source>Choose a category from the list.</source>
        <translation>Pilih kategori dari daftar.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Tidak ada yang diubah.</translation>
    </message>
</context>
<context>
    <name>EndOfDayDialog</name>
    <message>
        <source>Sync with the central server</source>
        <translation>Sinkronkan dengan server pusat</translation>
    </message>
    <message>
        <source>End-of-day sync</source>
        <translation>Sinkronisasi akhir hari</translation>
    </message>
    <message>
        <source>Counting what will be sent…</source>
        <translation>Menghitung yang akan dikirim…</translation>
    </message>
    <message>
        <source>Sync phase</source>
        <translation>Tahap sinkronisasi</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Kemajuan sinkronisasi</translation>
    </message>
    <message>
        <source>Sync result; activate a line to see its cases</source>
        <translation>Hasil sinkronisasi; pilih baris untuk melihat pengaduannya</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sinkronkan sekarang</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Hentikan</translation>
    </message>
    <message>
        <source>Stop after the current batch; the rest is sent next time</source>
        <translation>Berhenti setelah kiriman ini; sisanya dikirim lain kali</translation>
    </message>
    <message>
        <source>Show the &amp;cases</source>
        <translation>Tampilkan &amp;pengaduan</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Nothing waiting to be sent. A sync still receives changes.</source>
        <translation>Tidak ada yang menunggu dikirim. Sinkronisasi tetap menerima perubahan.</translation>
    </message>
    <message>
        <source>To send: {cases}, {actions}, {files}.</source>
        <translation>Akan dikirim: {cases}, {actions}, {files}.</translation>
    </message>
    <message numerus="yes">
        <source>%n new case(s)</source>
        <translation>
            <numerusform>%n pengaduan baru</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n tindakan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n lampiran</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Berhenti setelah kiriman ini…</translation>
    </message>
    <message>
        <source>{phase}: {done} of {total}</source>
        <translation>{phase}: {done} dari {total}</translation>
    </message>
    <message>
        <source>{phase}: {done}</source>
        <translation>{phase}: {done}</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} dari {total}</translation>
    </message>
    <message>
        <source>{done} so far</source>
        <translation>{done} sejauh ini</translation>
    </message>
    <message>
        <source>The sync did not finish.</source>
        <translation>Sinkronisasi tidak selesai.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Coba lagi</translation>
    </message>
    <message>
        <source>Stopped. What was sent stays sent; the rest goes at the next sync.</source>
        <translation>Dihentikan. Yang sudah terkirim tetap terkirim; sisanya dikirim pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Lanjutkan</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>Sinkronisasi selesai.</translation>
    </message>
    <message numerus="yes">
        <source>Sync finished; %n action(s) wait for the next sync.</source>
        <translation>
            <numerusform>Sinkronisasi selesai; %n tindakan menunggu sinkronisasi berikutnya.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Sync again</source>
        <translation>&amp;Sinkronkan lagi</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Print %n disposition sheet(s)…</source>
        <translation>
            <numerusform>&amp;Cetak %n Lembar Disposisi…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) sent</source>
        <translation>
            <numerusform>%n tindakan terkirim</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) received</source>
        <translation>
            <numerusform>%n perubahan diterima</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new case(s) disposed to us</source>
        <translation>
            <numerusform>%n pengaduan baru didisposisikan ke kami</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other case(s) now held by us</source>
        <translation>
            <numerusform>%n pengaduan lain kini dipegang kami</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n status change(s) on cases we disposed elsewhere</source>
        <translation>
            <numerusform>%n perubahan status pada pengaduan yang kami disposisikan ke kantor lain</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) with a new sync conflict</source>
        <translation>
            <numerusform>%n pengaduan dengan konflik sinkronisasi baru</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) with a rejected action</source>
        <translation>
            <numerusform>%n pengaduan dengan tindakan yang ditolak</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… dan %n lagi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Connect to the central server</source>
        <translation>Hubungkan ke server pusat</translation>
    </message>
    <message>
        <source>Connect this PC once, online, with the account the Kabupaten&apos;s administrator gave you. The cases on this PC are kept and sent at the next sync.</source>
        <translation>Hubungkan PC ini sekali, secara daring, dengan akun yang diberikan administrator Kabupaten. Pengaduan di PC ini tetap tersimpan dan dikirim pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Hubungkan</translation>
    </message>
</context>
<context>
    <name>EnrollForm</name>
    <message>
        <source>&amp;Server address</source>
        <translation>Alamat &amp;server</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>Nama &amp;pengguna</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Kata sandi</translation>
    </message>
    <message>
        <source>Fill in the server address, user name and password.</source>
        <translation>Isi alamat server, nama pengguna dan kata sandi.</translation>
    </message>
    <message>
        <source>Connecting failed: {error}</source>
        <translation>Gagal terhubung: {error}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>An unexpected error happened. Your data is safe. Please send the details to support.</source>
        <translation>Terjadi kesalahan yang tidak terduga. Data Anda aman. Mohon kirimkan detailnya kepada tim dukungan.</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>Tidak dapat dilakukan</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Salin detail</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Terjadi kesalahan</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend a deadline</source>
        <translation>Perpanjang batas waktu</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Perpanjang</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Batas waktu:</translation>
    </message>
    <message>
        <source>working day(s)</source>
        <translation>hari kerja</translation>
    </message>
    <message>
        <source>Extend &amp;by:</source>
        <translation>Perpanjang &amp;selama:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Alasan:</translation>
    </message>
    <message>
        <source>This case has no running deadline to extend.</source>
        <translation>Pengaduan ini tidak memiliki batas waktu berjalan yang dapat diperpanjang.</translation>
    </message>
    <message>
        <source>Now due: {due}</source>
        <translation>Batas waktu saat ini: {due}</translation>
    </message>
    <message>
        <source>After the extension: {due}</source>
        <translation>Setelah diperpanjang: {due}</translation>
    </message>
    <message numerus="yes">
        <source>The rule allows at most %n extension day(s) in all.</source>
        <translation>
            <numerusform>Aturan mengizinkan perpanjangan paling lama %n hari secara keseluruhan.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>1 — very poor</source>
        <translation>1 — sangat buruk</translation>
    </message>
    <message>
        <source>2 — poor</source>
        <translation>2 — buruk</translation>
    </message>
    <message>
        <source>3 — fair</source>
        <translation>3 — cukup</translation>
    </message>
    <message>
        <source>4 — good</source>
        <translation>4 — baik</translation>
    </message>
    <message>
        <source>5 — very good</source>
        <translation>5 — sangat baik</translation>
    </message>
    <message>
        <source>Record reporter satisfaction</source>
        <translation>Catat kepuasan pelapor</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Catat</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>&amp;Rating:</source>
        <translation>&amp;Penilaian:</translation>
    </message>
    <message>
        <source>&amp;Satisfied (beres)</source>
        <translation>P&amp;uas (beres)</translation>
    </message>
    <message>
        <source>N&amp;ot satisfied (belum beres)</source>
        <translation>&amp;Tidak puas (belum beres)</translation>
    </message>
    <message>
        <source>The matter is:</source>
        <translation>Menurut pelapor:</translation>
    </message>
    <message>
        <source>What the reporter said</source>
        <translation>Kata pelapor</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opsional</translation>
    </message>
    <message>
        <source>&amp;What the reporter said:</source>
        <translation>&amp;Kata pelapor:</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>LAPOR Desktop — first start</source>
        <translation>LAPOR Desktop — penggunaan pertama</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Required</source>
        <translation>Wajib diisi</translation>
    </message>
    <message>
        <source>This is required.</source>
        <translation>Bagian ini wajib diisi.</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <source>Forward to the competent agency</source>
        <translation>Teruskan ke instansi berwenang</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Teruskan</translation>
    </message>
    <message>
        <source>&amp;Agency:</source>
        <translation>&amp;Instansi:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Alasan:</translation>
    </message>
</context>
<context>
    <name>HolidaysPage</name>
    <message>
        <source>national holiday</source>
        <translation>libur nasional</translation>
    </message>
    <message>
        <source>collective leave (cuti bersama)</source>
        <translation>cuti bersama</translation>
    </message>
    <message>
        <source>local holiday</source>
        <translation>libur daerah</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Tahun</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>&amp;Tahun</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>Kalender hari kerja</translation>
    </message>
    <message>
        <source>Holidays of the year</source>
        <translation>Hari libur tahun ini</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Hari Jadi Kabupaten</source>
        <translation type="vanished">Hari Jadi Kabupaten</translation>
    </message>
    <message>
        <source>A&amp;dd local holiday on the selected day</source>
        <translation>Tam&amp;bah libur daerah pada tanggal terpilih</translation>
    </message>
    <message>
        <source>Services stay open on this day</source>
        <translation>Layanan tetap buka pada hari ini</translation>
    </message>
    <message>
        <source>Make the selected day a &amp;working day</source>
        <translation>Jadikan tanggal terpilih &amp;hari kerja</translation>
    </message>
    <message>
        <source>Add a local holiday (libur daerah)</source>
        <translation>Tambah libur daerah</translation>
    </message>
    <message>
        <source>Holiday &amp;name</source>
        <translation>&amp;Nama hari libur</translation>
    </message>
    <message>
        <source>Name of the local holiday</source>
        <translation>Nama libur daerah</translation>
    </message>
    <message>
        <source>Remove a holiday</source>
        <translation>Hapus hari libur</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Alasan</translation>
    </message>
    <message>
        <source>Reason for removing the holiday</source>
        <translation>Alasan menghapus hari libur</translation>
    </message>
    <message>
        <source>{kind}, a working day here</source>
        <translation>{kind}, tetapi hari kerja di sini</translation>
    </message>
    <message>
        <source>{month}: {count} working days</source>
        <translation>{month}: {count} hari kerja</translation>
    </message>
    <message>
        <source>{day}: {name} ({kind}), not a working day</source>
        <translation>{day}: {name} ({kind}), bukan hari kerja</translation>
    </message>
    <message>
        <source>{day}: {name}, declared a working day here</source>
        <translation>{day}: {name}, ditetapkan sebagai hari kerja di sini</translation>
    </message>
    <message>
        <source>{day}: weekend</source>
        <translation>{day}: akhir pekan</translation>
    </message>
    <message>
        <source>{day}: working day</source>
        <translation>{day}: hari kerja</translation>
    </message>
    <message>
        <source>Give the holiday a name.</source>
        <translation>Isikan nama hari libur.</translation>
    </message>
    <message>
        <source>This day is already a holiday.</source>
        <translation>Tanggal ini sudah merupakan hari libur.</translation>
    </message>
    <message>
        <source>Say why this day is a working day after all.</source>
        <translation>Jelaskan alasan tanggal ini tetap menjadi hari kerja.</translation>
    </message>
    <message>
        <source>This day is not a holiday.</source>
        <translation>Tanggal ini bukan hari libur.</translation>
    </message>
    <message>
        <source>Saving and recomputing deadlines…</source>
        <translation>Menyimpan dan menghitung ulang batas waktu…</translation>
    </message>
    <message numerus="yes">
        <source>Saved. %n open case(s) got a new deadline.</source>
        <translation>
            <numerusform>Tersimpan. %n pengaduan aktif mendapat batas waktu baru.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>New case</source>
        <translation>Pengaduan baru</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Save the case (Ctrl+Enter)</source>
        <translation>Simpan pengaduan (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Judul:</translation>
    </message>
    <message>
        <source>Complaint text as received</source>
        <translation>Isi pengaduan sesuai yang diterima</translation>
    </message>
    <message>
        <source>The original text cannot be changed after saving.</source>
        <translation>Teks asli tidak dapat diubah setelah disimpan.</translation>
    </message>
    <message>
        <source>Te&amp;xt as received:</source>
        <translation>Isi pen&amp;gaduan:</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Optional: a short summary or correction</source>
        <translation>Opsional: ringkasan singkat atau koreksi</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>&amp;Ringkasan:</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>J&amp;enis:</translation>
    </message>
    <message>
        <source>Type to filter, e.g. bantuan</source>
        <translation>Ketik untuk menyaring, mis. bantuan</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>Ka&amp;tegori:</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>T&amp;ingkat:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Prioritas:</translation>
    </message>
    <message>
        <source>&amp;Received at ({zone}):</source>
        <translation>&amp;Diterima pada ({zone}):</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>Diterima pada</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>Diketahui</translation>
    </message>
    <message>
        <source>Incident date known</source>
        <translation>Tanggal kejadian diketahui</translation>
    </message>
    <message>
        <source>Incident date</source>
        <translation>Tanggal kejadian</translation>
    </message>
    <message>
        <source>&amp;Incident date:</source>
        <translation>Tangga&amp;l kejadian:</translation>
    </message>
    <message>
        <source>Optional, digits only</source>
        <translation>Opsional, hanya angka</translation>
    </message>
    <message>
        <source>LAPOR! tracking i&amp;d:</source>
        <translation>N&amp;omor tracking LAPOR!:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lokasi</translation>
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
        <translation>Rincian lokasi:</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <source>&amp;Anonymous: do not record the identity</source>
        <translation>&amp;Anonim: identitas tidak dicatat</translation>
    </message>
    <message>
        <source>C&amp;onfidential: mask the identity in lists</source>
        <translation>Ra&amp;hasia: identitas disamarkan di daftar</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <source>16 digits</source>
        <translation>16 digit</translation>
    </message>
    <message>
        <source>NIK:</source>
        <translation>NIK:</translation>
    </message>
    <message>
        <source>Phon&amp;e:</source>
        <translation>Tel&amp;epon:</translation>
    </message>
    <message>
        <source>E-mai&amp;l:</source>
        <translation>E&amp;mail:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Alamat:</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <source>Attachments to add</source>
        <translation>Lampiran yang akan ditambahkan</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>Tambah &amp;berkas…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Choose a category from the list.</source>
        <translation>Pilih kategori dari daftar.</translation>
    </message>
    <message>
        <source>The categories are still loading.</source>
        <translation>Kategori masih dimuat.</translation>
    </message>
    <message>
        <source>Choose files to attach</source>
        <translation>Pilih berkas yang akan dilampirkan</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Needs information</source>
        <translation>Perlu kelengkapan</translation>
    </message>
    <message>
        <source>Disposed</source>
        <translation>Didisposisikan</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Diteruskan</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Ditindaklanjuti</translation>
    </message>
    <message>
        <source>Awaiting reporter</source>
        <translation>Menunggu tanggapan pelapor</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
    <message>
        <source>Closed (incomplete)</source>
        <translation>Ditutup (tidak lengkap)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>SP4N-LAPOR!</source>
        <translation>SP4N-LAPOR!</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Datang langsung</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Surat</translation>
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
        <translation>Email</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>Media sosial</translation>
    </message>
    <message>
        <source>Suggestion box</source>
        <translation>Kotak saran</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <source>Aspiration</source>
        <translation>Aspirasi</translation>
    </message>
    <message>
        <source>Information request</source>
        <translation>Permintaan informasi</translation>
    </message>
    <message>
        <source>Whistle-blowing</source>
        <translation>Whistle blowing</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Rendah</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Tinggi</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>Darurat</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Segera</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Pengaduan baru</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Perubahan data</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>Perubahan status</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>Penerusan</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <source>Final answer</source>
        <translation>Jawaban akhir</translation>
    </message>
    <message>
        <source>Deadline extension</source>
        <translation>Perpanjangan batas waktu</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <source>Conflict resolution</source>
        <translation>Penyelesaian konflik</translation>
    </message>
    <message>
        <source>Register number</source>
        <translation>Nomor registrasi</translation>
    </message>
    <message>
        <source>Contacting the server</source>
        <translation>Menghubungi server</translation>
    </message>
    <message>
        <source>Updating categories, holidays and SLA rules</source>
        <translation>Memperbarui kategori, hari libur dan aturan SLA</translation>
    </message>
    <message>
        <source>Reserving register numbers</source>
        <translation>Memesan nomor registrasi</translation>
    </message>
    <message>
        <source>Sending attachments</source>
        <translation>Mengirim lampiran</translation>
    </message>
    <message>
        <source>Receiving attachments</source>
        <translation>Menerima lampiran</translation>
    </message>
    <message>
        <source>Sending cases and actions</source>
        <translation>Mengirim pengaduan dan tindakan</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>Menerima perubahan</translation>
    </message>
    <message>
        <source>Checking that both sides agree</source>
        <translation>Memeriksa kecocokan kedua pihak</translation>
    </message>
    <message>
        <source>satisfied (beres)</source>
        <translation>puas (beres)</translation>
    </message>
    <message>
        <source>not satisfied (belum beres)</source>
        <translation>tidak puas (belum beres)</translation>
    </message>
    <message>
        <source>Light / grievance (5 working days)</source>
        <translation>Ringan / keluhan (5 HK)</translation>
    </message>
    <message>
        <source>No field check (14 working days)</source>
        <translation>Tanpa pemeriksaan lapangan (14 HK)</translation>
    </message>
    <message>
        <source>Field check needed (60 working days)</source>
        <translation>Perlu pemeriksaan lapangan (60 HK)</translation>
    </message>
    <message>
        <source>Ordinary</source>
        <translation>Biasa</translation>
    </message>
    <message>
        <source>Very urgent</source>
        <translation>Sangat Segera</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <source>Needs verification</source>
        <translation>Perlu verifikasi</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Jatuh tempo hari ini</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Terlambat</translation>
    </message>
    <message>
        <source>Disposed to us</source>
        <translation>Didisposisikan ke kami</translation>
    </message>
    <message>
        <source>Waiting for the reporter</source>
        <translation>Menunggu pelapor</translation>
    </message>
    <message>
        <source>Needs completion</source>
        <translation>Perlu kelengkapan</translation>
    </message>
    <message>
        <source>Monitored</source>
        <translation>Dipantau</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>Konflik sinkronisasi</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
</context>
<context>
    <name>Letters</name>
    <message>
        <source>Disposition sheet (Lembar Disposisi)</source>
        <translation>Lembar Disposisi</translation>
    </message>
    <message>
        <source>Blank disposition sheet, to fill in by hand</source>
        <translation>Lembar Disposisi blanko, untuk diisi tangan</translation>
    </message>
    <message>
        <source>Response letter (Surat Tanggapan)</source>
        <translation>Surat Tanggapan</translation>
    </message>
    <message>
        <source>Response document without identity (for LAPOR!)</source>
        <translation>Dokumen tanggapan tanpa identitas (untuk LAPOR!)</translation>
    </message>
    <message>
        <source>Forwarding letter (Surat Penerusan)</source>
        <translation>Surat Penerusan</translation>
    </message>
    <message>
        <source>Request for missing data (Surat Permintaan Kelengkapan)</source>
        <translation>Surat Permintaan Kelengkapan Data</translation>
    </message>
    <message>
        <source>Receipt (Tanda Terima)</source>
        <translation>Tanda Terima</translation>
    </message>
    <message>
        <source>%1 number %2</source>
        <translation>%1 nomor %2</translation>
    </message>
    <message>
        <source>%1, stored copy (reprint).</source>
        <translation>%1, salinan tersimpan (cetak ulang).</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) selected. Issue and print:</source>
        <translation>
            <numerusform>%n pengaduan dipilih. Terbitkan dan cetak:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) issued today.</source>
        <translation>
            <numerusform>%n surat diterbitkan hari ini.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) issued and sent to the printer.</source>
        <translation>
            <numerusform>%n surat diterbitkan dan dikirim ke printer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) in all.</source>
        <translation>
            <numerusform>Seluruhnya %n halaman.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Issue (takes a number)</source>
        <translation>&amp;Terbitkan (mengambil nomor)</translation>
    </message>
    <message>
        <source>&amp;Letter…</source>
        <translation>&amp;Surat…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Cetak…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <source>&amp;Show / reprint</source>
        <translation>&amp;Tampilkan / cetak ulang</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s letters (Surat hari ini)…</source>
        <translation>Surat &amp;hari ini…</translation>
    </message>
    <message>
        <source>&amp;Void</source>
        <translation>&amp;Batalkan</translation>
    </message>
    <message>
        <source>A response needs the final answer (Case → Give the final answer).</source>
        <translation>Surat Tanggapan memerlukan jawaban akhir (Pengaduan → Beri jawaban akhir).</translation>
    </message>
    <message>
        <source>Already issued, not printed again:</source>
        <translation>Sudah pernah diterbitkan, tidak dicetak lagi:</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <source>Choose a letter first.</source>
        <translation>Pilih jenis surat terlebih dahulu.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>DRAFT preview: no number is taken until the letter is issued.</source>
        <translation>Pratinjau DRAF: nomor belum diambil sampai surat diterbitkan.</translation>
    </message>
    <message>
        <source>DRAFT — the letter number is waiting for the next sync</source>
        <translation>DRAF — nomor surat menunggu sinkronisasi</translation>
    </message>
    <message>
        <source>Disposition sheets of disposed cases</source>
        <translation>Lembar Disposisi pengaduan yang telah didisposisikan</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Diterbitkan</translation>
    </message>
    <message>
        <source>Issued: %1.</source>
        <translation>Diterbitkan: %1.</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Surat</translation>
    </message>
    <message>
        <source>Letters a case already has are not issued again; reprint them from the case.</source>
        <translation>Surat yang sudah dimiliki suatu pengaduan tidak diterbitkan lagi; cetak ulang dari pengaduan tersebut.</translation>
    </message>
    <message>
        <source>Letters of case %1</source>
        <translation>Surat pengaduan %1</translation>
    </message>
    <message>
        <source>Letters of this case</source>
        <translation>Surat pengaduan ini</translation>
    </message>
    <message>
        <source>No letter number is left on this PC, so the letter was NOT issued: this is only a DRAFT without a number. Issue it again after the next sync.</source>
        <translation>Nomor surat di PC ini sudah habis, jadi surat TIDAK diterbitkan: ini hanya DRAF tanpa nomor. Terbitkan lagi setelah sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>One recipient per line; empty: no tembusan</source>
        <translation>Satu penerima per baris; kosong: tanpa tembusan</translation>
    </message>
    <message>
        <source>Only for anonymous cases.</source>
        <translation>Hanya untuk pengaduan anonim.</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumen PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Kertas:</translation>
    </message>
    <message>
        <source>Pending letters printed</source>
        <translation>Surat tertunda telah dicetak</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>&amp;Pratinjau</translation>
    </message>
    <message>
        <source>Print letter</source>
        <translation>Cetak surat</translation>
    </message>
    <message>
        <source>Print pending letters</source>
        <translation>Cetak surat yang tertunda</translation>
    </message>
    <message>
        <source>Print pending letters of selected cases…</source>
        <translation>Cetak surat tertunda dari pengaduan terpilih…</translation>
    </message>
    <message>
        <source>Reason for voiding the selected letter</source>
        <translation>Alasan pembatalan surat yang dipilih</translation>
    </message>
    <message>
        <source>Receipts (Tanda Terima)</source>
        <translation>Tanda Terima</translation>
    </message>
    <message>
        <source>Refused:</source>
        <translation>Ditolak:</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Simpan sebagai P&amp;DF…</translation>
    </message>
    <message>
        <source>Save letter as PDF</source>
        <translation>Simpan surat sebagai PDF</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Disimpan ke %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>%n halaman dikirim ke printer.</numerusform>
        </translation>
    </message>
    <message>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <source>Tembusan recipients, one per line</source>
        <translation>Penerima tembusan, satu per baris</translation>
    </message>
    <message>
        <source>Tembusan:</source>
        <translation>Tembusan:</translation>
    </message>
    <message>
        <source>Text of the letter</source>
        <translation>Isi surat</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Isi:</translation>
    </message>
    <message>
        <source>The case has no disposition yet; print the blank form instead.</source>
        <translation>Pengaduan belum didisposisikan; cetak lembar blanko sebagai gantinya.</translation>
    </message>
    <message>
        <source>The case has no final answer recorded.</source>
        <translation>Jawaban akhir pengaduan belum dicatat.</translation>
    </message>
    <message>
        <source>The case must be forwarded to the competent agency first.</source>
        <translation>Pengaduan harus diteruskan terlebih dahulu kepada instansi yang berwenang.</translation>
    </message>
    <message>
        <source>The case must be waiting for missing information.</source>
        <translation>Pengaduan harus dalam status menunggu kelengkapan data.</translation>
    </message>
    <message>
        <source>The reporter is anonymous: no letter can be addressed to them.</source>
        <translation>Pelapor anonim: surat tidak dapat ditujukan kepadanya.</translation>
    </message>
    <message>
        <source>The reporter is anonymous: only the document without identity.</source>
        <translation>Pelapor anonim: hanya dokumen tanpa identitas.</translation>
    </message>
    <message>
        <source>The reporter&apos;s name is not recorded.</source>
        <translation>Nama pelapor belum dicatat.</translation>
    </message>
    <message>
        <source>The text may be edited before issuing; the letterhead and signature are fixed.</source>
        <translation>Isi surat dapat diubah sebelum diterbitkan; kop surat dan tanda tangan tetap.</translation>
    </message>
    <message>
        <source>The text of the letter (editable)</source>
        <translation>Isi surat (dapat diubah)</translation>
    </message>
    <message>
        <source>This letter has no free text.</source>
        <translation>Surat ini tidak memiliki isi bebas.</translation>
    </message>
    <message>
        <source>This letter is VOID.</source>
        <translation>Surat ini telah DIBATALKAN.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Today&apos;s letters</source>
        <translation>Surat hari ini</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Berlaku</translation>
    </message>
    <message>
        <source>Void: %1</source>
        <translation>Dibatalkan: %1</translation>
    </message>
    <message>
        <source>Voided: %1.</source>
        <translation>Dibatalkan: %1.</translation>
    </message>
    <message>
        <source>Withheld: the reporter&apos;s identity was removed</source>
        <translation>Ditahan: identitas pelapor telah dihapus</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LAPOR Desktop main window</source>
        <translation>Jendela utama LAPOR Desktop</translation>
    </message>
    <message>
        <source>Work queues</source>
        <translation>Antrean kerja</translation>
    </message>
    <message>
        <source>Search: register no., tracking id, name, phone, words (Ctrl+F)</source>
        <translation>Cari: nomor registrasi, nomor tracking, nama, telepon, kata (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>Cari pengaduan</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Daftar pengaduan</translation>
    </message>
    <message>
        <source>Show the queue again</source>
        <translation type="vanished">Kembali ke antrean</translation>
    </message>
    <message>
        <source>Leave the list of cases from the sync</source>
        <translation type="vanished">Tinggalkan daftar pengaduan dari sinkronisasi</translation>
    </message>
    <message>
        <source>DEMO DATA — practice freely, nothing here is real</source>
        <translation>DATA DEMO — silakan berlatih, semua data di sini tidak nyata</translation>
    </message>
    <message>
        <source>DEMO DATA</source>
        <translation>DATA DEMO</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Pengaduan</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>B&amp;antuan</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n tindakan menunggu dikirim</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting to be sent</source>
        <translation>Tidak ada yang menunggu dikirim</translation>
    </message>
    <message numerus="yes">
        <source>{title}: %n case(s). The queue and search are set aside.</source>
        <translation type="vanished">
            <numerusform>{title}: %n pengaduan. Antrean dan pencarian dikesampingkan.</numerusform>
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
        <translation>&amp;Kode instansi</translation>
    </message>
    <message>
        <source>Office &amp;name</source>
        <translation>&amp;Nama instansi</translation>
    </message>
    <message>
        <source>&amp;Regency or city government</source>
        <translation>&amp;Pemerintah kabupaten/kota</translation>
    </message>
    <message>
        <source>Classification code for &amp;letters</source>
        <translation>Kode klasifikasi &amp;surat</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Alamat</translation>
    </message>
    <message>
        <source>&amp;Postal code</source>
        <translation>Kode p&amp;os</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Telepon</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>Situs &amp;web</translation>
    </message>
    <message>
        <source>C&amp;ity written on letters</source>
        <translation>Kota pada su&amp;rat</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Zona waktu</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Tanpa logo</translation>
    </message>
    <message>
        <source>Choose &amp;logo…</source>
        <translation>Pilih &amp;logo…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Hapus logo</translation>
    </message>
    <message>
        <source>Logo for the letterhead</source>
        <translation>Logo untuk kop surat</translation>
    </message>
    <message>
        <source>Choose a logo image</source>
        <translation>Pilih gambar logo</translation>
    </message>
    <message>
        <source>Remove the logo</source>
        <translation>Hapus logo</translation>
    </message>
    <message>
        <source>Choose the office logo</source>
        <translation>Pilih logo instansi</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>Gambar ({patterns})</translation>
    </message>
</context>
<context>
    <name>OfficeForm</name>
    <message>
        <source>Use 1–20 capital letters, digits, &apos;-&apos; or &apos;_&apos;, for example DINSOS.</source>
        <translation>Gunakan 1–20 huruf kapital, angka, &apos;-&apos; atau &apos;_&apos;, misalnya DINSOS.</translation>
    </message>
    <message>
        <source>Enter the office&apos;s name.</source>
        <translation>Isikan nama instansi.</translation>
    </message>
    <message>
        <source>Enter the regency or city the office belongs to.</source>
        <translation>Isikan kabupaten atau kota tempat instansi berada.</translation>
    </message>
    <message>
        <source>Choose WIB, WITA or WIT.</source>
        <translation>Pilih WIB, WITA, atau WIT.</translation>
    </message>
    <message>
        <source>A NIP has exactly 18 digits (spaces are ignored).</source>
        <translation>NIP terdiri atas tepat 18 digit (spasi diabaikan).</translation>
    </message>
    <message>
        <source>Enter an e-mail address such as pengaduan@dinsos.go.id.</source>
        <translation>Isikan alamat email, misalnya pengaduan@dinsos.go.id.</translation>
    </message>
    <message>
        <source>A postal code has 5 digits.</source>
        <translation>Kode pos terdiri atas 5 digit.</translation>
    </message>
    <message>
        <source>Use digits, spaces, &apos;+&apos;, &apos;-&apos; or brackets only.</source>
        <translation>Gunakan hanya angka, spasi, &apos;+&apos;, &apos;-&apos;, atau tanda kurung.</translation>
    </message>
    <message>
        <source>A web address has no spaces.</source>
        <translation>Alamat situs web tidak boleh mengandung spasi.</translation>
    </message>
    <message>
        <source>Each unit may be listed only once.</source>
        <translation>Setiap unit hanya boleh dicantumkan satu kali.</translation>
    </message>
    <message>
        <source>Choose a PNG, JPG, GIF or BMP image of at most 5 MB.</source>
        <translation>Pilih gambar PNG, JPG, GIF, atau BMP berukuran paling besar 5 MB.</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Set up my office</source>
        <translation>Siapkan data instansi saya</translation>
    </message>
    <message>
        <source>Only the office code, name and regency are required now; complete the rest later in Settings. The letterhead and the head of office appear on letters.</source>
        <translation>Saat ini hanya kode, nama, dan kabupaten/kota instansi yang wajib diisi; lengkapi sisanya nanti di Pengaturan. Kop surat dan kepala instansi dicantumkan pada surat.</translation>
    </message>
    <message>
        <source>One unit per line, for example:
Sekretariat
Bidang Rehabilitasi Sosial</source>
        <translation>Satu unit per baris, misalnya:
Sekretariat
Bidang Rehabilitasi Sosial</translation>
    </message>
    <message>
        <source>Units of the office, one per line</source>
        <translation>Unit kerja instansi, satu per baris</translation>
    </message>
    <message>
        <source>Office and letterhead</source>
        <translation>Instansi dan kop surat</translation>
    </message>
    <message>
        <source>Head of office (signs the letters)</source>
        <translation>Kepala instansi (penanda tangan surat)</translation>
    </message>
    <message>
        <source>Units of the office (disposition targets)</source>
        <translation>Unit kerja instansi (tujuan disposisi)</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>Mohon perbaiki isian yang ditandai merah.</translation>
    </message>
    <message>
        <source>Creating the data of {office}…</source>
        <translation>Membuat data {office}…</translation>
    </message>
    <message>
        <source>The office could not be set up: {error}</source>
        <translation>Data instansi tidak dapat disiapkan: {error}</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Letter preview</source>
        <translation>Pratinjau surat</translation>
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
        <translation>Sinkronkan &amp;otomatis setiap hari pukul</translation>
    </message>
    <message>
        <source>Time of the automatic sync</source>
        <translation>Waktu sinkronisasi otomatis</translation>
    </message>
    <message>
        <source>Only while LAPOR Desktop is open and connected to a central server</source>
        <translation>Hanya selama LAPOR Desktop terbuka dan terhubung ke server pusat</translation>
    </message>
    <message>
        <source>The new language is used at once where possible; some menus change only after LAPOR Desktop is restarted.</source>
        <translation>Bahasa baru langsung digunakan jika memungkinkan; sebagian menu baru berubah setelah LAPOR Desktop dijalankan ulang.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Bahasa</translation>
    </message>
    <message>
        <source>Default &amp;paper size for letters</source>
        <translation>&amp;Ukuran kertas bawaan untuk surat</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Salin</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Tempel</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Ulang&amp;i</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Urungkan</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Potong</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Pilih Semua</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Hide Details...</source>
        <translation>Sembunyikan Detail...</translation>
    </message>
    <message>
        <source>Show Details...</source>
        <translation>Tampilkan Detail...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Tidak</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ya</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Abaikan</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>T&amp;idak untuk Semua</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Atur Ulang</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Kembalikan Bawaan</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Coba Lagi</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Simpan Semua</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ya untuk &amp;Semua</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Salin</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Tempel</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Ulang&amp;i</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Urungkan</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Salin &amp;Lokasi Tautan</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Potong</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Pilih Semua</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Selesai</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Lanjut &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Kembali</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Terapkan</translation>
    </message>
</context>
<context>
    <name>RecapDialog</name>
    <message>
        <source>January</source>
        <translation>Januari</translation>
    </message>
    <message>
        <source>February</source>
        <translation>Februari</translation>
    </message>
    <message>
        <source>March</source>
        <translation>Maret</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mei</translation>
    </message>
    <message>
        <source>June</source>
        <translation>Juni</translation>
    </message>
    <message>
        <source>July</source>
        <translation>Juli</translation>
    </message>
    <message>
        <source>August</source>
        <translation>Agustus</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>October</source>
        <translation>Oktober</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>Desember</translation>
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
        <translation>Buku agenda pengaduan</translation>
    </message>
    <message>
        <source>Outgoing letters register</source>
        <translation>Register surat keluar</translation>
    </message>
    <message>
        <source>Complaint handling report (ZI)</source>
        <translation>Laporan pengelolaan pengaduan (ZI)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumen PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Reporter satisfaction:</source>
        <translation>Kepuasan pelapor:</translation>
    </message>
    <message>
        <source>Reopened:</source>
        <translation>Dibuka kembali:</translation>
    </message>
    <message>
        <source>Active operators:</source>
        <translation>Operator aktif:</translation>
    </message>
    <message>
        <source>Texts of the report</source>
        <translation>Isian laporan</translation>
    </message>
    <message>
        <source>Obstacles:</source>
        <translation>Kendala:</translation>
    </message>
    <message>
        <source>Solutions:</source>
        <translation>Solusi:</translation>
    </message>
    <message>
        <source>Evaluation of the follow-up:</source>
        <translation>Hasil evaluasi atas tindak lanjut:</translation>
    </message>
    <message>
        <source>Follow-up of the evaluation:</source>
        <translation>Tindak lanjut hasil evaluasi:</translation>
    </message>
    <message>
        <source>Complaint recap</source>
        <translation>Rekap pengaduan</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Tahun</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>Setahun penuh</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Bulan</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>J&amp;enis:</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Tahun:</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>&amp;Bulan:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Whole Pemda (every office&apos;s cases)</source>
        <translation>Seluruh &amp;Pemda (pengaduan semua perangkat daerah)</translation>
    </message>
    <message>
        <source>Headline numbers</source>
        <translation>Angka utama</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Diterima:</translation>
    </message>
    <message>
        <source>Follow-up rate:</source>
        <translation>Tingkat tindak lanjut:</translation>
    </message>
    <message>
        <source>Resolution rate:</source>
        <translation>Tingkat penyelesaian:</translation>
    </message>
    <message>
        <source>Overdue complaints:</source>
        <translation>Pengaduan terlambat:</translation>
    </message>
    <message>
        <source>Overdue now:</source>
        <translation type="vanished">Terlambat saat ini:</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Kemajuan</translation>
    </message>
    <message>
        <source>&amp;Calculate</source>
        <translation>&amp;Hitung</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Simpan…</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>B&amp;uka folder</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>the year {year}</source>
        <translation>tahun {year}</translation>
    </message>
    <message>
        <source>{period} for the whole Pemda</source>
        <translation>{period} seluruh Pemda</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <source>Reading the {kind} of {period}…</source>
        <translation>Membaca {kind} {period}…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Dibatalkan.</translation>
    </message>
    <message>
        <source>{kind} of {period}: {count} entries, as of {when}.</source>
        <translation>{kind} {period}: {count} entri, keadaan per {when}.</translation>
    </message>
    <message>
        <source>{cases} ({deadlines} deadlines past due)</source>
        <translation>{cases} ({deadlines} tenggat terlewat)</translation>
    </message>
    <message>
        <source>no reporter rated yet</source>
        <translation>belum ada pelapor yang memberi penilaian</translation>
    </message>
    <message>
        <source>average {average} of 5; {percent} satisfied ({count} of {rated})</source>
        <translation>rata-rata {average} dari 5; {percent} puas ({count} dari {rated})</translation>
    </message>
    <message>
        <source>{operators} ({percent} of offices active)</source>
        <translation>{operators} ({percent} perangkat daerah aktif)</translation>
    </message>
    <message>
        <source>Save the {kind}</source>
        <translation>Simpan {kind}</translation>
    </message>
    <message>
        <source>Saving the {kind} of {period}…</source>
        <translation>Menyimpan {kind} {period}…</translation>
    </message>
    <message>
        <source>Cancelled. No file was written.</source>
        <translation>Dibatalkan. Tidak ada berkas yang disimpan.</translation>
    </message>
    <message>
        <source>Calculating the recap of {period}…</source>
        <translation>Menghitung rekap {period}…</translation>
    </message>
    <message>
        <source>Overdue (deadlines past due):</source>
        <translation type="vanished">Terlambat (tenggat terlewat):</translation>
    </message>
    <message>
        <source>Recap of {period}, as of {when}.</source>
        <translation>Rekap {period}, keadaan per {when}.</translation>
    </message>
    <message>
        <source>{percent} ({count} of {total})</source>
        <translation>{percent} ({count} dari {total})</translation>
    </message>
    <message>
        <source>Save the complaint recap</source>
        <translation>Simpan rekap pengaduan</translation>
    </message>
    <message>
        <source>Saving the recap of {period}…</source>
        <translation>Menyimpan rekap {period}…</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Disimpan ke {path}</translation>
    </message>
    <message>
        <source>The recap could not be saved in {folder}: {reason}. Nothing was written; choose another folder or close the file if another program has it open.</source>
        <translation>Rekap tidak dapat disimpan di {folder}: {reason}. Tidak ada yang ditulis; pilih folder lain, atau tutup berkasnya bila sedang dibuka program lain.</translation>
    </message>
    <message>
        <source>The recap cannot be made: {reason}</source>
        <translation>Rekap tidak dapat dibuat: {reason}</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <source>Actions the server rejected</source>
        <translation>Tindakan yang ditolak server</translation>
    </message>
    <message>
        <source>The server refused these actions; the case shows the server&apos;s state. Do an action again from the case as it is now (when the rules allow it), or acknowledge it to remove it from this list.</source>
        <translation>Server menolak tindakan ini; pengaduan menampilkan keadaan di server. Lakukan lagi tindakan dari keadaan pengaduan sekarang (bila aturan mengizinkan), atau tandai sudah dibaca untuk menghapusnya dari daftar ini.</translation>
    </message>
    <message>
        <source>Rejected actions</source>
        <translation>Tindakan yang ditolak</translation>
    </message>
    <message>
        <source>&amp;Do it again from the current state</source>
        <translation>&amp;Lakukan lagi dari keadaan sekarang</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>Tandai sudah &amp;dibaca</translation>
    </message>
    <message>
        <source>&amp;Show the case</source>
        <translation>&amp;Tampilkan pengaduan</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>The rules do not allow this action on the case as it is now.</source>
        <translation>Aturan tidak mengizinkan tindakan ini pada keadaan pengaduan sekarang.</translation>
    </message>
    <message>
        <source>Rejected action</source>
        <translation>Tindakan ditolak</translation>
    </message>
</context>
<context>
    <name>RejectedTableModel</name>
    <message>
        <source>Case</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Server&apos;s reason</source>
        <translation>Alasan server</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Dilakukan</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Laporan</translation>
    </message>
    <message>
        <source>Complaint &amp;recap…</source>
        <translation>&amp;Rekap pengaduan…</translation>
    </message>
    <message>
        <source>Received, followed up, resolved and overdue complaints of a month or year</source>
        <translation>Pengaduan yang diterima, ditindaklanjuti, selesai dan terlambat dalam sebulan atau setahun</translation>
    </message>
    <message>
        <source>&amp;Agenda book and outgoing letters register…</source>
        <translation>Buku &amp;agenda dan register surat keluar…</translation>
    </message>
    <message>
        <source>The complaints received and the letters issued in a month or year, to print</source>
        <translation>Pengaduan yang diterima dan surat yang diterbitkan dalam sebulan atau setahun, untuk dicetak</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Connect to the central server</source>
        <translation>Hubungkan ke server pusat</translation>
    </message>
    <message>
        <source>Log in once, online, with the account the administrator gave you. Your office&apos;s name and code come from the server; complete the letterhead later in Settings.</source>
        <translation>Masuk sekali, secara daring, dengan akun yang diberikan administrator. Nama dan kode kantor Anda diambil dari server; lengkapi kop surat nanti di Pengaturan.</translation>
    </message>
</context>
<context>
    <name>ServerSettingsPage</name>
    <message>
        <source>This PC works on its own (not connected to a server).</source>
        <translation>PC ini bekerja sendiri (tidak terhubung ke server).</translation>
    </message>
    <message>
        <source>&amp;Connect to the central server…</source>
        <translation>&amp;Hubungkan ke server pusat…</translation>
    </message>
    <message>
        <source>Connect to the central server</source>
        <translation>Hubungkan ke server pusat</translation>
    </message>
    <message>
        <source>This PC syncs with {server}. Connect again to change the user.</source>
        <translation>PC ini bersinkronisasi dengan {server}. Hubungkan lagi untuk mengganti pengguna.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Halaman pengaturan</translation>
    </message>
    <message>
        <source>Office and letterhead</source>
        <translation>Instansi dan kop surat</translation>
    </message>
    <message>
        <source>Signatory</source>
        <translation>Penanda tangan</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unit kerja</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>Hari libur</translation>
    </message>
    <message>
        <source>SLA rules</source>
        <translation>Aturan SLA</translation>
    </message>
    <message>
        <source>Language and paper</source>
        <translation type="vanished">Bahasa dan kertas</translation>
    </message>
    <message>
        <source>Language, paper and sync</source>
        <translation>Bahasa, kertas dan sinkronisasi</translation>
    </message>
    <message>
        <source>Central server</source>
        <translation>Server pusat</translation>
    </message>
    <message>
        <source>Save the office, signatory, units, language and paper size</source>
        <translation>Simpan data instansi, penanda tangan, unit kerja, bahasa, dan ukuran kertas</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the fields marked in red.</source>
        <translation>Tidak ada yang disimpan. Mohon perbaiki isian yang ditandai merah.</translation>
    </message>
    <message numerus="yes">
        <source>Saved. %n open case(s) got a new deadline.</source>
        <translation>
            <numerusform>Tersimpan. %n pengaduan aktif mendapat batas waktu baru.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <source>The office code cannot change once cases are registered.</source>
        <translation>Kode instansi tidak dapat diubah setelah ada pengaduan yang teregistrasi.</translation>
    </message>
    <message>
        <source>Nothing was saved: {error}</source>
        <translation>Tidak ada yang disimpan: {error}</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>Tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Perubahan belum disimpan</translation>
    </message>
    <message>
        <source>Close Settings and discard the changes you have not saved?</source>
        <translation>Tutup Pengaturan dan buang perubahan yang belum disimpan?</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Pengaturan…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan Keyboard</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Pintasan</translation>
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
        <translation>Kepala instansi (nama dengan &amp;gelar)</translation>
    </message>
    <message>
        <source>N&amp;IP (18 digits)</source>
        <translation>N&amp;IP (18 digit)</translation>
    </message>
    <message>
        <source>Rank and grade (pan&amp;gkat/golongan)</source>
        <translation>Pan&amp;gkat/golongan</translation>
    </message>
    <message>
        <source>&amp;Position (jabatan)</source>
        <translation>&amp;Jabatan</translation>
    </message>
</context>
<context>
    <name>SlaPage</name>
    <message>
        <source>Verification</source>
        <translation>Verifikasi</translation>
    </message>
    <message>
        <source>First follow-up</source>
        <translation>Tindak lanjut pertama</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <source>Automatic closing</source>
        <translation>Penutupan otomatis</translation>
    </message>
    <message>
        <source>Waiting for the reporter&apos;s data</source>
        <translation>Menunggu kelengkapan data pelapor</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>hari kerja</translation>
    </message>
    <message>
        <source>calendar days</source>
        <translation>hari kalender</translation>
    </message>
    <message>
        <source>SLA rules</source>
        <translation>Aturan SLA</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Tahap</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Hari</translation>
    </message>
    <message>
        <source>Counted in</source>
        <translation>Satuan</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>Berlaku untuk</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Dasar hukum</translation>
    </message>
    <message>
        <source>Deadlines follow these rules. They come with LAPOR Desktop and change only with a new version or from the central server.</source>
        <translation>Batas waktu mengikuti aturan berikut. Aturan ini disertakan dalam LAPOR Desktop dan hanya berubah melalui versi baru atau dari server pusat.</translation>
    </message>
    <message>
        <source>{description}
Legal basis: {basis}</source>
        <translation>{description}
Dasar hukum: {basis}</translation>
    </message>
    <message>
        <source>all cases</source>
        <translation>semua pengaduan</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <source>A sync is already running for this data. Wait for it to finish.</source>
        <translation>Sinkronisasi lain sedang berjalan untuk data ini. Tunggu sampai selesai.</translation>
    </message>
    <message>
        <source>Nothing on this PC was lost; the next sync continues where this one stopped.</source>
        <translation>Tidak ada data di PC ini yang hilang; sinkronisasi berikutnya melanjutkan dari titik ini.</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https://.</source>
        <translation>Alamat server harus diawali http:// atau https://.</translation>
    </message>
    <message>
        <source>The server could not be reached. Check the network connection (and the server address in Settings), then try again.</source>
        <translation>Server tidak dapat dihubungi. Periksa koneksi jaringan (dan alamat server di Pengaturan), lalu coba lagi.</translation>
    </message>
    <message>
        <source>The server no longer accepts this PC&apos;s login. Connect to the server again (Sync → Connect to the central server…) with your user name and password.</source>
        <translation>Server tidak lagi menerima login PC ini. Hubungkan lagi ke server (Sinkronisasi → Hubungkan ke server pusat…) dengan nama pengguna dan kata sandi Anda.</translation>
    </message>
    <message>
        <source>The server refused the request: {message}</source>
        <translation>Server menolak permintaan: {message}</translation>
    </message>
    <message>
        <source>The server sent an answer that is not valid; nothing of it was applied.</source>
        <translation>Server mengirim jawaban yang tidak sah; tidak ada yang diterapkan.</translation>
    </message>
    <message>
        <source>The server uses another version of the sync protocol: update the application (perbarui aplikasi), then sync again.</source>
        <translation>Server memakai versi protokol sinkronisasi lain: perbarui aplikasi, lalu sinkronkan lagi.</translation>
    </message>
    <message>
        <source>The user name or password is wrong. Check them and try again.</source>
        <translation>Nama pengguna atau kata sandi salah. Periksa lalu coba lagi.</translation>
    </message>
    <message>
        <source>This PC is connected to the server under another user, and its login is not on this PC any more. Ask that user to log in here, or ask the administrator to release this PC (lapor-server release-device). The data on this PC is kept.</source>
        <translation>PC ini terhubung ke server atas nama pengguna lain, dan login-nya sudah tidak ada di PC ini. Minta pengguna tersebut login di sini, atau minta administrator melepas PC ini (lapor-server release-device). Data di PC ini tetap tersimpan.</translation>
    </message>
    <message>
        <source>This PC is not connected to a central server yet.</source>
        <translation>PC ini belum terhubung ke server pusat.</translation>
    </message>
    <message>
        <source>This PC may no longer sync with the server. Ask the administrator. The data on this PC is kept.</source>
        <translation>PC ini tidak boleh lagi bersinkronisasi dengan server. Hubungi administrator. Data di PC ini tetap tersimpan.</translation>
    </message>
    <message>
        <source>This user belongs to another office than the data on this PC. Log in with a user of this office.</source>
        <translation>Pengguna ini milik kantor lain, bukan kantor data di PC ini. Masuk dengan pengguna kantor ini.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync state</source>
        <translation>Keadaan sinkronisasi</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sinkronkan</translation>
    </message>
    <message>
        <source>Sync with the central server</source>
        <translation>Sinkronkan dengan server pusat</translation>
    </message>
    <message>
        <source>End of day: send and receive (F9)</source>
        <translation>Akhir hari: kirim dan terima (F9)</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>Sin&amp;kronisasi</translation>
    </message>
    <message>
        <source>&amp;Sync now (end of day)…</source>
        <translation>&amp;Sinkronkan sekarang (akhir hari)…</translation>
    </message>
    <message>
        <source>&amp;Connect to the central server…</source>
        <translation>&amp;Hubungkan ke server pusat…</translation>
    </message>
    <message>
        <source>Resolve a sync &amp;conflict of this case…</source>
        <translation>Selesaikan &amp;konflik sinkronisasi pengaduan ini…</translation>
    </message>
    <message>
        <source>&amp;Rejected actions…</source>
        <translation>Tindakan yang &amp;ditolak…</translation>
    </message>
    <message>
        <source>Show cases with sync conflicts</source>
        <translation>Tampilkan pengaduan dengan konflik sinkronisasi</translation>
    </message>
    <message>
        <source>&amp;Export changes to a file (no connection)…</source>
        <translation>&amp;Ekspor perubahan ke berkas (tanpa koneksi)…</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n tindakan menunggu dikirim</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting to be sent</source>
        <translation>Tidak ada yang menunggu dikirim</translation>
    </message>
    <message>
        <source>not connected to a central server</source>
        <translation>tidak terhubung ke server pusat</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) not yet sent</source>
        <translation>
            <numerusform>%n tindakan belum terkirim</numerusform>
        </translation>
    </message>
    <message>
        <source>synced</source>
        <translation>tersinkron</translation>
    </message>
    <message numerus="yes">
        <source>%n open conflict(s)</source>
        <translation>
            <numerusform>%n konflik terbuka</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected action(s)</source>
        <translation>
            <numerusform>%n tindakan ditolak</numerusform>
        </translation>
    </message>
    <message>
        <source>last sync {when}</source>
        <translation>sinkron terakhir {when}</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>belum pernah sinkron</translation>
    </message>
    <message>
        <source>the last sync failed</source>
        <translation>sinkronisasi terakhir gagal</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Menyinkronkan…</translation>
    </message>
    <message>
        <source>Syncing: {phase}…</source>
        <translation>Menyinkronkan: {phase}…</translation>
    </message>
    <message>
        <source>Automatic sync failed: {why}</source>
        <translation>Sinkronisasi otomatis gagal: {why}</translation>
    </message>
    <message>
        <source>Automatic sync done: {sent} sent, {received} received.</source>
        <translation>Sinkronisasi otomatis selesai: {sent} terkirim, {received} diterima.</translation>
    </message>
    <message>
        <source>Export changes to a file</source>
        <translation>Ekspor perubahan ke berkas</translation>
    </message>
    <message>
        <source>LAPOR changes (*{suffix})</source>
        <translation>Perubahan LAPOR (*{suffix})</translation>
    </message>
    <message>
        <source>{ops} change(s) and {files} attachment(s) were written to {path}.

Take this file to the central server&apos;s admin (Diskominfo) to import. The changes also stay waiting on this PC: the next sync online sends them, and the server, which already has them, applies nothing twice.</source>
        <translation>{ops} perubahan dan {files} lampiran disimpan ke {path}.

Bawa berkas ini ke admin server pusat (Diskominfo) untuk diimpor. Perubahan tetap menunggu di PC ini: sinkronisasi online berikutnya mengirimnya, dan server, yang sudah memilikinya, tidak menerapkan apa pun dua kali.</translation>
    </message>
    <message>
        <source>{count} attachment(s) are missing on this PC; the actions that need them will wait until this PC syncs online.</source>
        <translation>{count} lampiran tidak ada di PC ini; tindakan yang memerlukannya menunggu sampai PC ini sinkron secara online.</translation>
    </message>
    <message>
        <source>Nothing was written: {reason}</source>
        <translation>Tidak ada yang disimpan: {reason}</translation>
    </message>
    <message>
        <source>Connected to {server} for {office}.</source>
        <translation>Terhubung ke {server} untuk {office}.</translation>
    </message>
</context>
<context>
    <name>TextActionDialog</name>
    <message>
        <source>Optional</source>
        <translation>Opsional</translation>
    </message>
</context>
<context>
    <name>UnitsEditor</name>
    <message>
        <source>Units of the office</source>
        <translation>Unit kerja instansi</translation>
    </message>
    <message>
        <source>Bidang Perlindungan dan Jaminan Sosial</source>
        <translation type="vanished">Bidang Perlindungan dan Jaminan Sosial</translation>
    </message>
    <message>
        <source>Name of a new unit</source>
        <translation>Nama unit baru</translation>
    </message>
    <message>
        <source>&amp;Add unit</source>
        <translation>&amp;Tambah unit</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>&amp;Ganti nama</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Hapus</translation>
    </message>
    <message>
        <source>Cases are disposed to these units. Renaming or removing a unit changes only future dispositions; earlier ones keep the name they were written with.</source>
        <translation>Pengaduan didisposisikan ke unit-unit ini. Mengganti nama atau menghapus unit hanya berlaku untuk disposisi berikutnya; disposisi sebelumnya tetap memakai nama saat dituliskan.</translation>
    </message>
    <message>
        <source>“{unit}” is already in the list.</source>
        <translation>“{unit}” sudah ada dalam daftar.</translation>
    </message>
</context>
</TS>

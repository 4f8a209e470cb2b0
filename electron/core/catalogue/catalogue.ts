import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from './database.ts';
import { LibraryRepository } from './library.repository.ts';
import { FolderRepository } from './folder.repository.ts';
import { AssetRepository } from './asset.repository.ts';
import { FaceRepository } from './face.repository.ts';
import { PersonRepository } from './person.repository.ts';
import { RejectionRepository } from './rejection.repository.ts';
import { PersonRejectionRepository } from './person-rejection.repository.ts';
import { JobRepository } from './job.repository.ts';
import { MergeRepository } from './merge.repository.ts';
import { DetectedFaceRepository } from './detected-face.repository.ts';
import { FaceListRepository } from './face-list.repository.ts';
import { IdentityRepository } from './identity.repository.ts';
import { ApiKeyRepository } from './api-key.repository.ts';
import { SettingsRepository } from './settings.repository.ts';
import { FaceApiGroupRepository } from './face-api-group.repository.ts';
import { FaceApiUserDataRepository } from './face-api-user-data.repository.ts';
import { PersonFaceRepository } from './person-face.repository.ts';
import { FaceApiTrainingRepository } from './face-api-training.repository.ts';
import { FaceApiSnapshotRepository } from './face-api-snapshot.repository.ts';
import { FaceApiOperationRepository } from './face-api-operation.repository.ts';
import { VideoRepository } from './video.repository.ts';
import { ScanSkipRepository } from './scan-skip.repository.ts';
import { AssetPresenceRepository } from './asset-presence.repository.ts';

/** The catalogue: one SQLite file and one repository per table. */
export class Catalogue {
  // Assigned by #attach: a catalogue whose file was deleted under it is written back and reopened.
  db!: Db;
  libraries!: LibraryRepository;
  folders!: FolderRepository;
  assets!: AssetRepository;
  faces!: FaceRepository;
  people!: PersonRepository;
  rejections!: RejectionRepository;
  personRejections!: PersonRejectionRepository;
  jobs!: JobRepository;
  merges!: MergeRepository;
  detectedFaces!: DetectedFaceRepository;
  faceLists!: FaceListRepository;
  identities!: IdentityRepository;
  apiKeys!: ApiKeyRepository;
  settings!: SettingsRepository;
  videos!: VideoRepository;
  scanSkips!: ScanSkipRepository;
  presence!: AssetPresenceRepository;
  faceApiGroups!: FaceApiGroupRepository;
  faceApiUserData!: FaceApiUserDataRepository;
  personFaces!: PersonFaceRepository;
  trainings!: FaceApiTrainingRepository;
  snapshots!: FaceApiSnapshotRepository;
  faceApiOperations!: FaceApiOperationRepository;
  /** The file it was opened from (null: in memory, or a connection handed in). */
  readonly file: string | null;

  constructor(db: Db, file: string | null = null) {
    this.file = file === ':memory:' ? null : file;
    this.#attach(db);
  }

  #attach(db: Db): void {
    this.db = db;
    this.libraries = new LibraryRepository(db);
    this.folders = new FolderRepository(db);
    this.assets = new AssetRepository(db);
    this.faces = new FaceRepository(db);
    this.people = new PersonRepository(db);
    this.rejections = new RejectionRepository(db);
    this.personRejections = new PersonRejectionRepository(db);
    this.jobs = new JobRepository(db);
    this.merges = new MergeRepository(db);
    this.detectedFaces = new DetectedFaceRepository(db);
    this.faceLists = new FaceListRepository(db);
    this.identities = new IdentityRepository(db);
    this.apiKeys = new ApiKeyRepository(db);
    this.settings = new SettingsRepository(db);
    this.faceApiGroups = new FaceApiGroupRepository(db);
    this.faceApiUserData = new FaceApiUserDataRepository(db);
    this.personFaces = new PersonFaceRepository(db);
    this.trainings = new FaceApiTrainingRepository(db);
    this.snapshots = new FaceApiSnapshotRepository(db);
    this.faceApiOperations = new FaceApiOperationRepository(db);
    this.videos = new VideoRepository(db);
    this.scanSkips = new ScanSkipRepository(db);
    this.presence = new AssetPresenceRepository(db);
  }

  static open(file: string): Catalogue {
    return new Catalogue(openDatabase(file), file);
  }

  /** The file was deleted (or its folder) while open: SQLite keeps writing to the unlinked copy, lost at exit. */
  isMissing(): boolean {
    if (!this.file || !this.db.open) return false;
    try {
      statSync(this.file);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ENOENT';
    }
  }

  /**
   * Write the open catalogue back where its file was and carry on with the new file. Throws the
   * write's error (read-only, full) and keeps the open copy if it cannot. The old connection closes
   * before the new file opens: closing it removes the WAL files at the old names, which would be
   * the new connection's.
   */
  restore(): void {
    if (!this.file) return;
    const tmp = `${this.file}.restored-${process.pid}-${Date.now()}.tmp`;
    mkdirSync(dirname(this.file), { recursive: true });
    rmSync(tmp, { force: true });
    try {
      this.db.prepare('VACUUM INTO ?').run(tmp);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    this.db.close();
    try {
      renameSync(tmp, this.file);
      this.#attach(openDatabase(this.file));
    } catch (err) {
      this.#attach(openDatabase(tmp)); // the copy is complete: work on from it rather than lose it
      throw err;
    }
  }

  /**
   * Carry on with a backup's contents in place of this catalogue (brought up to this version's schema).
   * The backup is copied with SQLite's backup API next to the catalogue first, so a failure leaves the
   * catalogue as it was.
   */
  async replaceWith(backupFile: string): Promise<void> {
    if (!this.file) throw new Error('an in-memory catalogue cannot be restored into');
    const tmp = `${this.file}.restoring-${process.pid}.tmp`;
    rmSync(tmp, { force: true });
    const source = new Database(backupFile, { readonly: true, fileMustExist: true });
    try {
      await source.backup(tmp);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    } finally {
      source.close();
    }
    this.db.close();
    for (const suffix of ['-wal', '-shm']) rmSync(this.file + suffix, { force: true });
    renameSync(tmp, this.file);
    this.#attach(openDatabase(this.file));
  }

  /** Run fn in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

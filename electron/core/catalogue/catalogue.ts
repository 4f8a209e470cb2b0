import { openDatabase, type Db } from './database.ts';
import { LibraryRepository } from './library.repository.ts';
import { FolderRepository } from './folder.repository.ts';
import { AssetRepository } from './asset.repository.ts';
import { FaceRepository } from './face.repository.ts';
import { PersonRepository } from './person.repository.ts';
import { RejectionRepository } from './rejection.repository.ts';
import { JobRepository } from './job.repository.ts';
import { MergeRepository } from './merge.repository.ts';
import { DetectedFaceRepository } from './detected-face.repository.ts';
import { FaceListRepository } from './face-list.repository.ts';
import { IdentityRepository } from './identity.repository.ts';
import { ApiKeyRepository } from './api-key.repository.ts';
import { SettingsRepository } from './settings.repository.ts';
import { VideoRepository } from './video.repository.ts';

/** The catalogue: one SQLite file and one repository per table. */
export class Catalogue {
  readonly db: Db;
  readonly libraries: LibraryRepository;
  readonly folders: FolderRepository;
  readonly assets: AssetRepository;
  readonly faces: FaceRepository;
  readonly people: PersonRepository;
  readonly rejections: RejectionRepository;
  readonly jobs: JobRepository;
  readonly merges: MergeRepository;
  readonly detectedFaces: DetectedFaceRepository;
  readonly faceLists: FaceListRepository;
  readonly identities: IdentityRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly settings: SettingsRepository;
  readonly videos: VideoRepository;

  constructor(db: Db) {
    this.db = db;
    this.libraries = new LibraryRepository(db);
    this.folders = new FolderRepository(db);
    this.assets = new AssetRepository(db);
    this.faces = new FaceRepository(db);
    this.people = new PersonRepository(db);
    this.rejections = new RejectionRepository(db);
    this.jobs = new JobRepository(db);
    this.merges = new MergeRepository(db);
    this.detectedFaces = new DetectedFaceRepository(db);
    this.faceLists = new FaceListRepository(db);
    this.identities = new IdentityRepository(db);
    this.apiKeys = new ApiKeyRepository(db);
    this.settings = new SettingsRepository(db);
    this.videos = new VideoRepository(db);
  }

  static open(file: string): Catalogue {
    return new Catalogue(openDatabase(file));
  }

  /** Run fn in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

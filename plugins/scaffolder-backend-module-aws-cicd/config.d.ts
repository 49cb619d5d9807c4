export interface Config {
  awsCicd?: {
    /** Local git repositories written by the liftoff:git:publish-local action. */
    localGit?: {
      /**
       * Folder that holds the repositories, relative to the backend's working
       * directory (like backend.database.connection.directory). Default:
       * data/git in the root of the monorepo the backend runs in.
       * @visibility backend
       */
      directory?: string;
    };
  };
}

export { Changes, CHANGE_TOPIC_PATTERN, type ChangeApplier, type ChangesDeps } from './feed.ts';
export { changesMigrations } from './migrations.ts';
export {
  LockedFollower,
  mustRebuild,
  readFeedBatch,
  type FeedBatch,
  type LockedFollowerOptions,
} from './follower.ts';

// Run by the compose service mongo-init with mongosh, connected to mongo1 as root. Idempotent: it initiates the
// replica set only if it is not initiated yet, and creates the LRS's user only if it does not exist yet.
const members = [
  { _id: 0, host: 'mongo1:27017', priority: 2 },
  { _id: 1, host: 'mongo2:27017', priority: 1 },
  { _id: 2, host: 'mongo3:27017', priority: 1 },
];

try {
  rs.status();
  print('replica set rs0 already initiated');
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') {
    throw e;
  }
  rs.initiate({ _id: 'rs0', members });
  print('replica set rs0 initiated');
}

// Users can be created only on the primary.
for (let i = 0; !db.hello().isWritablePrimary; i++) {
  if (i > 120) {
    throw new Error('mongo1 did not become primary within a minute');
  }
  sleep(500);
}

const admin = db.getSiblingDB('admin');
const user = process.env.LRS_MONGODB_USERNAME;
const database = process.env.LRS_MONGODB_DATABASE || 'lrs';
if (admin.getUser(user) === null) {
  admin.createUser({
    user,
    pwd: process.env.LRS_MONGODB_PASSWORD,
    roles: [{ role: 'readWrite', db: database }],
  });
  print(`user ${user} created with readWrite on ${database}`);
} else {
  print(`user ${user} exists`);
}

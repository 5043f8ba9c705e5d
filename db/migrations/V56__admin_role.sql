-- Issue 16: people and tokens are managed by ADMINs. The first user, admin, was created as a
-- release engineer only; it keeps that and becomes ADMIN too, so an upgraded server still has
-- somebody who can mint tokens for others.
INSERT INTO train_person_role (person_id, role)
SELECT p.id, 'ADMIN' FROM train_person p
WHERE p.name = 'admin'
  AND NOT EXISTS (SELECT 1 FROM train_person_role r WHERE r.person_id = p.id AND r.role = 'ADMIN');

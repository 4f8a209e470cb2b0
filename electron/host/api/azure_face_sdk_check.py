"""Every operation of the Azure Face SDK for Python (azure-cognitiveservices-vision-face 0.6, from
Debian's python3-azure), unmodified, against a Kindred server. Run by azure-face-sdk-python.test.ts,
which makes the catalogue and the images and passes them as JSON on stdin; prints one JSON line:
{"called": [...], "operations": [...], "refused": {...}} or {"failed": name, "error": text}."""

import inspect
import json
import sys
import time
import uuid

from azure.cognitiveservices.vision.face import FaceClient, operations
from azure.cognitiveservices.vision.face.models import APIErrorException
from msrest.authentication import CognitiveServicesCredentials

cfg = json.load(sys.stdin)
client = FaceClient(cfg["endpoint"], CognitiveServicesCredentials(cfg["key"]))
called = set()
refused = {}
current = ["setup"]


def sdk(_op, _fn, *args, **kwargs):
    current[0] = _op
    out = _fn(*args, **kwargs)
    called.add(_op)
    return out


def refuse(_op, _code, _fn, *args, **kwargs):
    current[0] = _op
    try:
        _fn(*args, **kwargs)
    except APIErrorException as e:
        assert e.error.error.code == _code, f"{_op}: {e.error.error.code} {e.error.error.message}"
        called.add(_op)
        refused[_op] = e.error.error.message
        return
    raise AssertionError(f"{_op} was not refused")


def image(key):
    return open(cfg["images"][key], "rb")


def wait(name, poll):
    for _ in range(400):
        status = poll()
        if status == "succeeded":
            return
        assert status in ("running", "notstarted"), f"{name}: {status}"
        time.sleep(0.025)
    raise AssertionError(f"{name} never succeeded")


def operation_id(raw):
    return raw.response.headers["Operation-Location"].split("/")[-1]


def face_calls():
    f = client.face
    up0 = sdk("face.detect_with_stream", f.detect_with_stream, image("a_out"), return_face_landmarks=True, return_recognition_model=True, recognition_model="recognition_04", detection_model="detection_03")[0].face_id
    up0b = f.detect_with_stream(image("a_out2"))[0].face_id
    up1 = f.detect_with_stream(image("b_out"))[0].face_id
    refuse("face.detect_with_url", "BadArgument", f.detect_with_url, "https://example.com/door.jpg")
    assert sdk("face.verify_face_to_face", f.verify_face_to_face, up0, up0b).is_identical
    assert not f.verify_face_to_face(up0, up1).is_identical
    who = sdk("face.identify", f.identify, [up0, up1], person_group_id=cfg["family"], max_num_of_candidates_returned=2)
    alice = who[0].candidates[0].person_id
    assert alice != who[1].candidates[0].person_id
    assert sdk("face.verify_face_to_person", f.verify_face_to_person, up0b, alice, person_group_id=cfg["family"]).is_identical
    similar = sdk("face.find_similar", f.find_similar, up0, face_ids=[up1, up0b])
    assert [s.face_id for s in similar] == [up0b], similar
    grouped = sdk("face.group", f.group, [up0, up0b, up1])
    assert sorted(grouped.groups[0]) == sorted([up0, up0b]) and grouped.messy_group == [up1], grouped


def group_calls(large):
    kind = "large_person_group" if large else "person_group"
    persons = kind + "_person"
    groups = getattr(client, kind)
    people = getattr(client, persons)
    gid = "py-large" if large else "py-plain"
    where = {"large_person_group_id": gid} if large else {"person_group_id": gid}
    sdk(f"{kind}.create", groups.create, gid, name="Door camera", user_data="front", recognition_model="recognition_04")
    refuse(f"{kind}.create (again)", "LargePersonGroupExists" if large else "PersonGroupExists", groups.create, gid, name="Again")
    assert sdk(f"{kind}.get", groups.get, gid).user_data == "front"
    sdk(f"{kind}.update", groups.update, gid, name="Porch camera", user_data="porch")
    assert any(g.name == "Porch camera" for g in sdk(f"{kind}.list", groups.list, return_recognition_model=True))
    refuse(f"{kind}.get (missing)", "LargePersonGroupNotFound" if large else "PersonGroupNotFound", groups.get, "nobody-here")

    me = sdk(f"{persons}.create", people.create, gid, name=cfg["names"][0], user_data="p0").person_id
    other = people.create(gid, name=cfg["names"][1]).person_id
    pair = cfg["pair"]
    added = sdk(f"{persons}.add_face_from_stream", people.add_face_from_stream, gid, me, image("pair"), user_data="door", target_face=pair["left"]).persisted_face_id
    people.add_face_from_stream(gid, other, image("pair"), target_face=pair["right"])
    refuse(f"{persons}.add_face_from_url", "BadArgument", people.add_face_from_url, gid, me, "https://example.com/a.jpg")
    assert sdk(f"{persons}.get", people.get, gid, me).persisted_face_ids == [added]
    assert len(sdk(f"{persons}.list", people.list, gid)) == 2
    sdk(f"{persons}.update_face", people.update_face, gid, me, added, user_data="door, cropped")
    assert sdk(f"{persons}.get_face", people.get_face, gid, me, added).user_data == "door, cropped"
    sdk(f"{persons}.update", people.update, gid, me, name=cfg["names"][0] + " (door)", user_data="p0!")

    sdk(f"{kind}.train", groups.train, gid)
    wait(f"{kind}.get_training_status", lambda: sdk(f"{kind}.get_training_status", groups.get_training_status, gid).status)
    probe0 = client.face.detect_with_stream(image("a_probe"))[0].face_id
    probe1 = client.face.detect_with_stream(image("b_probe"))[0].face_id
    found = client.face.identify([probe0, probe1], **where)
    assert [r.candidates[0].person_id for r in found] == [me, other], found

    take = sdk("snapshot.take", client.snapshot.take, "LargePersonGroup" if large else "PersonGroup", gid, [str(uuid.uuid4())], user_data="backup", raw=True)
    op = operation_id(take)
    wait("take", lambda: sdk("snapshot.get_operation_status", client.snapshot.get_operation_status, op).status)
    snapshot_id = client.snapshot.get_operation_status(op).resource_location.split("/")[-1]
    assert sdk("snapshot.get", client.snapshot.get, snapshot_id).user_data == "backup"
    assert any(s.id == snapshot_id for s in sdk("snapshot.list", client.snapshot.list))
    sdk("snapshot.update", client.snapshot.update, snapshot_id, user_data="backup 2")
    applied = operation_id(sdk("snapshot.apply", client.snapshot.apply, snapshot_id, gid + "-copy", raw=True))
    wait("apply", lambda: client.snapshot.get_operation_status(applied).status)
    copy = {"large_person_group_id": gid + "-copy"} if large else {"person_group_id": gid + "-copy"}
    again = client.face.identify([probe0], **copy)
    assert again[0].candidates, "the copy recognises the person"
    sdk("snapshot.delete", client.snapshot.delete, snapshot_id)
    refuse("snapshot.get (deleted)", "SnapshotNotFound", client.snapshot.get, snapshot_id)

    sdk(f"{persons}.delete_face", people.delete_face, gid, me, added)
    sdk(f"{persons}.delete", people.delete, gid, other)
    refuse(f"{persons}.get (deleted)", "PersonNotFound", people.get, gid, other)
    for g in (gid, gid + "-copy"):
        sdk(f"{kind}.delete", groups.delete, g)
    refuse(f"{kind}.delete (a library made in Kindred)", "Forbidden", groups.delete, cfg["family"])


def list_calls(large):
    kind = "large_face_list" if large else "face_list"
    lists = getattr(client, kind)
    lid = "py-" + kind.replace("_", "-")
    sdk(f"{kind}.create", lists.create, lid, name="Visitors", user_data="v", recognition_model="recognition_04")
    mine = sdk(f"{kind}.add_face_from_stream", lists.add_face_from_stream, lid, image("a_alone"), user_data="me").persisted_face_id
    theirs = lists.add_face_from_stream(lid, image("b_alone")).persisted_face_id
    refuse(f"{kind}.add_face_from_url", "BadArgument", lists.add_face_from_url, lid, "https://example.com/a.jpg")
    sdk(f"{kind}.update", lists.update, lid, name="Regular visitors")
    assert sdk(f"{kind}.get", lists.get, lid).name == "Regular visitors"
    assert any(x.name == "Regular visitors" for x in sdk(f"{kind}.list", lists.list))
    probe = client.face.detect_with_stream(image("a_out"))[0].face_id
    similar = client.face.find_similar(probe, **({"large_face_list_id": lid} if large else {"face_list_id": lid}))
    assert [s.persisted_face_id for s in similar] == [mine], similar
    if large:
        sdk("large_face_list.train", lists.train, lid)
        assert sdk("large_face_list.get_training_status", lists.get_training_status, lid).status == "succeeded"
        assert len(sdk("large_face_list.list_faces", lists.list_faces, lid)) == 2
        sdk("large_face_list.update_face", lists.update_face, lid, theirs, user_data="them")
        assert sdk("large_face_list.get_face", lists.get_face, lid, theirs).user_data == "them"
    sdk(f"{kind}.delete_face", lists.delete_face, lid, theirs)
    sdk(f"{kind}.delete", lists.delete, lid)
    refuse(f"{kind}.get (deleted)", "LargeFaceListNotFound" if large else "FaceListNotFound", lists.get, lid)


def all_operations():
    groups = {"face": operations.FaceOperations, "face_list": operations.FaceListOperations, "large_face_list": operations.LargeFaceListOperations,
              "person_group": operations.PersonGroupOperations, "person_group_person": operations.PersonGroupPersonOperations,
              "large_person_group": operations.LargePersonGroupOperations, "large_person_group_person": operations.LargePersonGroupPersonOperations,
              "snapshot": operations.SnapshotOperations}
    return sorted(f"{g}.{m}" for g, cls in groups.items() for m, _ in inspect.getmembers(cls, inspect.isfunction) if not m.startswith("_"))


try:
    face_calls()
    for large in (False, True):
        group_calls(large)
        list_calls(large)
    print(json.dumps({"called": sorted(called), "operations": all_operations(), "refused": refused}))
except Exception as e:  # noqa: BLE001 — report whatever broke, with the call it broke in
    detail = f"{e.error.error.code}: {e.error.error.message}" if isinstance(e, APIErrorException) and e.error and e.error.error else repr(e)
    print(json.dumps({"failed": current[0], "error": detail}))
